//go:build js && wasm

// Command vigie-wasm is the engine's WebAssembly entry point, wrapped by
// engine.js. It is the only file that knows it runs in a browser or Node.
//
// The boundary is a handful of //go:wasmexport functions over Go-owned
// memory (≈0.1 µs a call, against ≈7 µs for js.FuncOf): JavaScript writes
// UTF-8 into the input buffer with TextEncoder.encodeInto, calls an export,
// and reads results as an Int32Array or a UTF-8 string from the output buffer.
package main

import (
	_ "embed"
	"errors"
	"runtime"
	"time"
	"unsafe"

	"vigie/wasm/engine"
	"vigie/wasm/update"
)

// defaultSnapshot is the default rules compiled (see engine.WriteSnapshot),
// written next to this file by `./build.sh wasm` (vigie-scan
// -print-snapshot) from the bundle it ships beside the module. Loading it
// instead of compiling that bundle is most of the core's cold start.
//
//go:embed snapshot.bin
var defaultSnapshot string

var (
	eng    *engine.Engine
	input  []byte
	output []byte
	// results holds 5 int32 per finding: type index, rule index, UTF-16
	// start, UTF-16 end, score in thousandths.
	results []int32
)

func main() {
	// WebAssembly memory never shrinks: engine.js gives the runtime a soft
	// memory limit (GOMEMLIMIT, read at start-up), which makes the collector
	// work harder before the heap grows past it. The environment, not
	// runtime/debug.SetMemoryLimit: that package links fmt and os into the
	// module (16 KiB of brotli).
	//
	// Block forever: the exports are called from JavaScript afterwards.
	select {}
}

func ptr[T any](s []T) int32 {
	if cap(s) == 0 {
		return 0
	}
	return int32(uintptr(unsafe.Pointer(unsafe.SliceData(s[:1]))))
}

// vigie_input makes the input buffer hold at least n bytes and returns its
// address. The address changes when the buffer grows.
//
//go:wasmexport vigie_input
func vigieInput(n int32) int32 {
	if int(n) > cap(input) {
		input = make([]byte, n)
	}
	input = input[:cap(input)]
	return ptr(input)
}

// vigie_output returns the address of the output buffer filled by the last
// call that reported a string length.
//
//go:wasmexport vigie_output
func vigieOutput() int32 { return ptr(output) }

// vigie_results returns the address of the findings of the last scan.
//
//go:wasmexport vigie_results
func vigieResults() int32 { return ptr(results) }

// vigie_load compiles the bundle held in the first n input bytes, or the
// embedded default when n is 0. The m input bytes after the bundle may hold
// a snapshot of it (from vigie_snapshot, cached by the caller), which loads
// instead when it is one for exactly these bytes and this engine version.
// The default bundle always loads from the snapshot embedded in the module.
// vigie_snapshot_used tells whether the rules came from a snapshot. It
// returns 0, or the length of an error message in the output buffer; the
// previous rules stay on error.
//
//go:wasmexport vigie_load
func vigieLoad(n, m int32) int32 {
	// Snapshots skip compiling: the default bundle's is embedded. Other
	// bundles reach here verified (updates pass engine.Load and their
	// examples in package update first) and, without a snapshot, are
	// compiled lazily (keyword rules are analyzed when first triggered).
	var e *engine.Engine
	var err error
	used := false
	switch {
	case n == 0 || engine.SnapshotMatches(defaultSnapshot, input[:n]):
		e, err = engine.LoadSnapshot(defaultSnapshot)
		used = true
	case m > 0:
		snap := string(input[n : n+m]) // a copy: the input buffer is reused
		if engine.SnapshotMatches(snap, input[:n]) {
			// A stale or damaged one falls back to the bundle, below.
			e, _ = engine.LoadSnapshot(snap)
			used = e != nil
		}
	}
	if e == nil && err == nil {
		e, err = engine.LoadLazy(input[:n])
	}
	if err != nil {
		return setOutput([]byte(err.Error()))
	}
	eng, snapshotUsed = e, used
	return 0
}

// snapshotUsed: the rules of the last vigie_load came from a snapshot.
var snapshotUsed bool

// vigie_snapshot_used returns 1 when the rules the last successful
// vigie_load loaded came from a snapshot (embedded or given), 0 when they
// were compiled from the bundle.
//
//go:wasmexport vigie_snapshot_used
func vigieSnapshotUsed() int32 {
	if snapshotUsed {
		return 1
	}
	return 0
}

// vigie_snapshot makes a snapshot of the bundle held in the first n input
// bytes (engine.WriteSnapshot) for the caller to cache and give back to
// vigie_load. When those are the bytes the current rules were compiled from
// (an update just applied, or a stored bundle loaded without a snapshot),
// it describes the current rules instead of compiling them again. It
// returns the snapshot's length in the output buffer, or minus the length of
// an error message there.
//
//go:wasmexport vigie_snapshot
func vigieSnapshot(n int32) int32 {
	var snap []byte
	err := engine.ErrNotSnapshottable
	if eng != nil {
		snap, err = eng.Snapshot(input[:n])
	}
	if errors.Is(err, engine.ErrNotSnapshottable) {
		// Another bundle: compile it. Collect first, so that this second
		// copy of the rules reuses garbage instead of growing the linear
		// memory, which never shrinks.
		runtime.GC()
		var b *engine.Bundle
		if b, err = engine.ParseBundle(input[:n]); err == nil {
			snap, err = engine.WriteSnapshot(b, input[:n])
		}
	}
	if err != nil {
		return -setOutput([]byte(err.Error()))
	}
	return setOutput(snap)
}

// vigie_meta writes the loaded bundle's description as JSON to the output
// buffer and returns its length: version, id, created_at, type labels, and
// per rule its id, type and explanations (indexes match scan results).
//
//go:wasmexport vigie_meta
func vigieMeta() int32 {
	if eng == nil {
		return 0
	}
	output = append(output[:0], eng.Description()...)
	return int32(len(output))
}

// vigie_scan scans the first n input bytes (UTF-8) with findings at or above
// minScore thousandths and returns how many it found (see results), or -1
// when no bundle is loaded.
//
//go:wasmexport vigie_scan
func vigieScan(n int32, minScore int32) int32 {
	if eng == nil {
		return -1
	}
	// The text stays in the input buffer: JavaScript does not touch it
	// during the call, and no finding keeps a piece of it.
	in := input[:n]
	text := unsafe.String(unsafe.SliceData(in), len(in))
	fs := eng.ScanAbove(text, float64(minScore)/1000)
	results = results[:0]
	conv := engine.NewUTF16Converter(text)
	for _, f := range fs {
		results = append(results, int32(engine.TypeIndex(f.Type)), int32(f.RuleIndex()),
			int32(conv.Offset(f.Start)), int32(conv.Offset(f.End)), int32(f.Score*1000+0.5))
	}
	// Let the collector's mark worker run. Go schedules goroutines only when
	// the running one yields: a collection that starts during a scan would
	// otherwise progress only through allocations' assists, or when
	// JavaScript lets the event loop turn. Scans called back to back (a
	// benchmark, a batch) then left a cycle unfinished for seconds while
	// the heap grew past GOMEMLIMIT: 24 MiB of linear memory instead of 14
	// in one loaded run of three. It costs nothing measurable when no
	// collection is under way.
	runtime.Gosched()
	return int32(len(fs))
}

// vigie_update checks a rule update held in the first n input bytes (a frame
// of root key, channel, install id, keys document, manifest and bundle; see
// update.DecodeFrame), given the last accepted manifest and keys versions
// and the time in milliseconds since the epoch (doubles: exact up to 2^53,
// as are the versions). With apply 0 it stops before the bundle (update.Check);
// with apply 1 it runs every step and, only when all pass, swaps the rules.
// It writes the report (update.AppendReport) to the output buffer and
// returns its length.
//
//go:wasmexport vigie_update
func vigieUpdate(n int32, lastVersion, lastKeysVersion, nowMillis float64, apply int32) int32 {
	now := time.UnixMilli(int64(nowMillis)).UTC()
	req, err := update.DecodeFrame(input[:n], uint64(lastVersion), uint64(lastKeysVersion), now)
	rep := update.Report{Bucket: -1}
	applied := false
	switch {
	case err != nil:
	case apply == 0:
		rep, err = update.Check(req)
	default:
		var next *engine.Engine
		next, rep, err = update.Apply(eng, req)
		if err == nil {
			eng, applied = next, true // the swap: one pointer, scans see old or new rules
			snapshotUsed = false
		}
	}
	output = update.AppendReport(output[:0], rep, err, applied)
	return int32(len(output))
}

func setOutput(b []byte) int32 {
	output = append(output[:0], b...)
	return int32(len(output))
}
