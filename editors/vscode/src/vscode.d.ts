/**
 * The part of VS Code's extension API this extension uses (the `vscode` module exists only inside
 * VS Code; the bundle leaves it external). Declared here rather than depending on @types/vscode.
 */
declare module "vscode" {
  export const version: string;
  export interface Disposable {
    dispose(): unknown;
  }
  export interface Uri {
    readonly fsPath: string;
  }
  export interface WorkspaceFolder {
    readonly uri: Uri;
  }
  export interface WorkspaceConfiguration {
    get<T>(section: string, defaultValue: T): T;
  }
  export interface ConfigurationChangeEvent {
    affectsConfiguration(section: string): boolean;
  }
  export interface ExtensionContext {
    readonly subscriptions: Disposable[];
  }
  export namespace workspace {
    const workspaceFolders: readonly WorkspaceFolder[] | undefined;
    function getConfiguration(section: string): WorkspaceConfiguration;
    function onDidChangeConfiguration(listener: (e: ConfigurationChangeEvent) => unknown): Disposable;
  }
}
