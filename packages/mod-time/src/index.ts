export { entityTime, time } from './time'
