// The server's module list is its configuration (DESIGN.md "Modules"): add a module here.
import type { Module } from '@tercet/router'

export const modules: readonly Module[] = []
