// Jest transform for tdesign-miniprogram: its components ship as ES modules, which WeChat's "构建 npm"
// converts and jest cannot load. esbuild turns them into CommonJS (fast, no type checking needed).
const esbuild = require('esbuild');

module.exports = {
  process(source, filename) {
    const out = esbuild.transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'es2020',
      sourcefile: filename,
      sourcemap: 'inline',
    });
    return { code: out.code };
  },
  getCacheKey(source, filename) {
    return require('crypto').createHash('sha1').update(filename).update('\0').update(source).update('v1').digest('hex');
  },
};
