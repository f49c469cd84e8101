export { ping } from './ping'
