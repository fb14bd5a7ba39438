/**
 * What the formula engine takes of mathjs, in one module: its parser and compiler and the functions a formula may
 * use (`create` with their dependencies). The client build bundles this file and the ~1,000 mathjs modules it
 * reaches once, with esbuild, instead of running each of them through the site's bundler plugins on every build
 * (src/integrations/prebuilt-libraries.ts, `prebundledModules`). Import mathjs's values from here only; its types
 * may come from 'mathjs' (they are erased).
 */
export {
  create,
  compileDependencies,
  parseDependencies,
  floorDependencies,
  ceilDependencies,
  absDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  logDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  smallerDependencies,
  largerDependencies,
  smallerEqDependencies,
  largerEqDependencies,
} from 'mathjs';
