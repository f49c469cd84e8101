// What the modules of one server advertise for XEP-0030: the features they `addFeature` and the
// identities they `addIdentity`. The router collects both on its Host (`host.features`,
// `host.identities`) but does not hand them to modules, so until `ModuleApi` exposes them,
// withDisco() wraps the module list and records them on the way through.
import type { Identity, Module, ModuleApi } from '@tercet/router'

/** Features and identities advertised by a server's modules. */
export interface Advertised {
  readonly features: Set<string>
  readonly identities: Identity[]
}

export function advertised(): Advertised {
  return { features: new Set(), identities: [] }
}

const identityKey = (i: Identity) => `${i.category}/${i.type}/${i.lang ?? ''}`

/** Adds an identity unless one with the same category/type/lang is there (XEP-0115 §5.4). */
export function addIdentity(into: Advertised, identity: Identity): void {
  const key = identityKey(identity)
  if (!into.identities.some((i) => identityKey(i) === key)) into.identities.push(identity)
}

/** A ModuleApi that also records what the module advertises. */
export function recording(mod: ModuleApi, into: Advertised): ModuleApi {
  // Inherit from the real API rather than copy it, so getters stay live.
  const api = Object.create(mod) as ModuleApi
  return Object.assign(api, {
    addFeature(ns: string) {
      into.features.add(ns)
      mod.addFeature(ns)
    },
    addIdentity(identity: Identity) {
      addIdentity(into, identity)
      mod.addIdentity(identity)
    },
  })
}

/** Wraps one module so that what it advertises is recorded. */
export function recorded(module: Module, into: Advertised): Module {
  return { name: module.name, setup: (mod) => module.setup(recording(mod, into)) }
}

/**
 * The features and identities a module can read at request time: the router's own lists when
 * `ModuleApi` carries them (the change asked of @tercet/router), else what was recorded.
 */
export function liveAdvertised(mod: ModuleApi, recordedSoFar: Advertised): Advertised {
  const host = mod as Partial<{ features: readonly string[]; identities: readonly Identity[] }>
  if (!Array.isArray(host.features)) return recordedSoFar
  const merged = advertised()
  for (const ns of [...host.features, ...recordedSoFar.features]) merged.features.add(ns)
  for (const i of [...(host.identities ?? []), ...recordedSoFar.identities]) addIdentity(merged, i)
  return merged
}
