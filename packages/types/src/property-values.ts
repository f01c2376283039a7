// The decoded values of the built-in property codecs.
export {}
