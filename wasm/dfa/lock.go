//go:build !js

package dfa

import "sync"

// mutex guards a DFA's cache (see lock_js.go).
type mutex = sync.Mutex
