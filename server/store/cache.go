package store

import (
	"context"
	"sync"
)

// Cache keeps the latest release per channel and the current keys
// document in memory in front of a Store, for the polling path. It is only
// correct when every write goes through it: the native server, sole
// writer of its SQLite file. The Worker must not use it (one instance per
// request, many writers).
type Cache struct {
	Store
	mu     sync.Mutex
	gen    uint64 // bumped by every write; a read fills only if unchanged
	latest map[string]*Release
	keys   *KeysDoc
}

// NewCache wraps s.
func NewCache(s Store) *Cache { return &Cache{Store: s, latest: map[string]*Release{}} }

// Latest implements Store.
func (c *Cache) Latest(ctx context.Context, channel string) (*Release, error) {
	c.mu.Lock()
	r, gen := c.latest[channel], c.gen
	c.mu.Unlock()
	if r != nil {
		return r, nil
	}
	r, err := c.Store.Latest(ctx, channel)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.latest[channel] = r
	}
	c.mu.Unlock()
	return r, nil
}

// Keys implements Store.
func (c *Cache) Keys(ctx context.Context) (*KeysDoc, error) {
	c.mu.Lock()
	k, gen := c.keys, c.gen
	c.mu.Unlock()
	if k != nil {
		return k, nil
	}
	k, err := c.Store.Keys(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.keys = k
	}
	c.mu.Unlock()
	return k, nil
}

func (c *Cache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.latest = map[string]*Release{}
	c.keys = nil
	c.mu.Unlock()
}

// PutRelease implements Store.
func (c *Cache) PutRelease(ctx context.Context, r Release, bundle []byte) error {
	defer c.invalidate()
	c.invalidate()
	return c.Store.PutRelease(ctx, r, bundle)
}

// PutKeys implements Store.
func (c *Cache) PutKeys(ctx context.Context, k KeysDoc) error {
	defer c.invalidate()
	c.invalidate()
	return c.Store.PutKeys(ctx, k)
}
