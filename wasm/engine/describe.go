package engine

import "vigie/wasm/jsonv"

// Description returns the loaded bundle as bindings describe it to their
// callers (the wasm core's vigie_meta), as JSON: the engine version, the
// bundle's id, version and created_at, the type labels in Types order, and
// per rule, in bundle order (see RuleIndex), its id, type and explanations.
func (e *Engine) Description() string { return e.description }

// describe builds Description's JSON. A snapshot carries it ready-made: in
// WebAssembly, building it took a few milliseconds of the cold start.
func describe(e *Engine) string {
	b := e.bundle
	out := append([]byte(nil), `{"engine":`...)
	out = jsonv.AppendString(out, Version)
	for _, f := range [][2]string{{"id", b.ID}, {"version", b.Version}, {"created_at", b.CreatedAt}} {
		out = append(out, `,"`+f[0]+`":`...)
		out = jsonv.AppendString(out, f[1])
	}
	out = append(out, `,"types":[`...)
	for i, t := range Types {
		if i > 0 {
			out = append(out, ',')
		}
		out = jsonv.AppendString(out, string(t))
	}
	out = append(out, `],"rules":[`...)
	for i, r := range b.Rules {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"id":`...)
		out = jsonv.AppendString(out, r.ID)
		out = append(out, `,"type":`...)
		out = jsonv.AppendString(out, string(r.Type))
		out = append(out, `,"explain":{`...)
		for j, lang := range sortedNames(r.Explain) {
			if j > 0 {
				out = append(out, ',')
			}
			out = jsonv.AppendString(out, lang)
			out = append(out, ':')
			out = jsonv.AppendString(out, r.Explain[lang])
		}
		out = append(out, "}}"...)
	}
	return string(append(out, "]}"...))
}
