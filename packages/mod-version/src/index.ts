export { SOFTWARE_NAME, SOFTWARE_VERSION, version } from './version'
