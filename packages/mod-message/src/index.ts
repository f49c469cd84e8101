export { message } from './message'
