export { presence } from './presence'
export { presenceProblem } from './validate'
