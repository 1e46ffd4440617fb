// The snapshot domain: input rules, naming, tag input and the error catalog. Pure: no `vscode`.
export * from './rules';
export * from './naming';
export * from './tagInput';
export * from './catalog';
