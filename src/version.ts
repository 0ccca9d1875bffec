// Lathe's version, from package.json, for files it writes (model.onnx, model cards, project files).
import pkg from '../package.json' with { type: 'json' };

export const LATHE_VERSION: string = pkg.version;
