package update

import (
	"encoding/binary"
	"strconv"
	"time"

	"vigie/wasm/jsonv"
	"vigie/wasm/trust"
)

// Frame field order. engine.js writes the same order (see updateFrame there).
const (
	fieldRoot = iota
	fieldChannel
	fieldInstallID
	fieldKeys
	fieldManifest
	fieldBundle
	numFields
)

// DecodeFrame reads the request fields JavaScript wrote into the core's
// input buffer: for each of root key, channel, install id, keys document,
// manifest envelope and bundle, a little-endian uint32 length then that
// many bytes. Versions and time travel as call arguments. The fields alias
// frame, which the caller must not reuse before the request is done.
func DecodeFrame(frame []byte, lastVersion, lastKeysVersion uint64, now time.Time) (*Request, error) {
	var fields [numFields][]byte
	rest := frame
	for i := range fields {
		if len(rest) < 4 {
			return nil, &wrapped{ErrBadRequest, "frame cut in field " + strconv.Itoa(i)}
		}
		n := binary.LittleEndian.Uint32(rest)
		rest = rest[4:]
		if uint64(n) > uint64(len(rest)) {
			return nil, &wrapped{ErrBadRequest, "frame field " + strconv.Itoa(i) + " longer than the frame"}
		}
		fields[i], rest = rest[:n:n], rest[n:]
	}
	if len(rest) != 0 {
		return nil, &wrapped{ErrBadRequest, "trailing bytes after the frame"}
	}
	return &Request{
		Root: fields[fieldRoot], Channel: string(fields[fieldChannel]), InstallID: fields[fieldInstallID],
		LastVersion: lastVersion, LastKeysVersion: lastKeysVersion, Now: now,
		KeysDoc: fields[fieldKeys], Manifest: fields[fieldManifest], Bundle: fields[fieldBundle],
	}, nil
}

// EncodeFrame is DecodeFrame's inverse (for tests and native callers).
func EncodeFrame(r *Request) []byte {
	var out []byte
	for _, f := range [][]byte{r.Root, []byte(r.Channel), r.InstallID, r.KeysDoc, r.Manifest, r.Bundle} {
		out = binary.LittleEndian.AppendUint32(out, uint32(len(f)))
		out = append(out, f...)
	}
	return out
}

// AppendReport writes the outcome as the JSON object engine.js hands to the
// updater: {ok, code, error, applied, bucket, keys_version, release:{channel,
// version, release_id, sha256, size, rollout, min_engine, published_at,
// expires_at}}; release is null until the manifest verified.
func AppendReport(b []byte, rep Report, err error, applied bool) []byte {
	b = append(b, `{"ok":`...)
	b = strconv.AppendBool(b, err == nil)
	b = append(b, `,"code":`...)
	b = jsonv.AppendString(b, Code(err))
	b = append(b, `,"error":`...)
	msg := ""
	if err != nil {
		msg = err.Error()
		if len(msg) > 2000 { // a bundle with many failing examples
			msg = msg[:2000] + "…"
		}
	}
	b = jsonv.AppendString(b, msg)
	b = append(b, `,"applied":`...)
	b = strconv.AppendBool(b, applied)
	b = append(b, `,"bucket":`...)
	b = strconv.AppendInt(b, int64(rep.Bucket), 10)
	b = append(b, `,"keys_version":`...)
	var kv uint64
	if rep.Keys != nil {
		kv = rep.Keys.Version
	}
	b = strconv.AppendUint(b, kv, 10)
	b = append(b, `,"release":`...)
	if m := rep.Manifest; m == nil {
		b = append(b, "null"...)
	} else {
		b = appendRelease(b, m)
	}
	return append(b, '}')
}

func appendRelease(b []byte, m *trust.Manifest) []byte {
	b = append(b, `{"channel":`...)
	b = jsonv.AppendString(b, m.Channel)
	b = append(b, `,"version":`...)
	b = strconv.AppendUint(b, m.Version, 10)
	b = append(b, `,"release_id":`...)
	b = jsonv.AppendString(b, m.ReleaseID.String())
	b = append(b, `,"sha256":`...)
	b = jsonv.AppendString(b, m.Bundle.SHA256)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, m.Bundle.Size, 10)
	b = append(b, `,"rollout":`...)
	b = strconv.AppendInt(b, int64(m.Rollout), 10)
	b = append(b, `,"min_engine":`...)
	b = jsonv.AppendString(b, m.MinEngine)
	b = append(b, `,"published_at":`...)
	b = jsonv.AppendString(b, string(trust.AppendTime(nil, m.PublishedAt.UTC())))
	b = append(b, `,"expires_at":`...)
	b = jsonv.AppendString(b, string(trust.AppendTime(nil, m.ExpiresAt.UTC())))
	return append(b, '}')
}
