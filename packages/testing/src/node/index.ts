export { listen, type ListenOptions, type ListeningDavServer } from './listen.ts'
