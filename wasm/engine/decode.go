package engine

import "vigie/wasm/jsonv"

// decodeBundle maps a parsed JSON document onto Bundle field by field
// (encoding/json would double the wasm core's size). Field names match the
// json tags of Bundle and Rule, which native code uses to encode bundles.
func decodeBundle(v jsonv.Value) (*Bundle, error) {
	b := &Bundle{}
	err := jsonv.Fields(v, func(k string, val jsonv.Value) (err error) {
		switch k {
		case "schema":
			b.Schema, err = val.AsInt()
		case "id":
			b.ID, err = val.AsString()
		case "version":
			b.Version, err = val.AsString()
		case "created_at":
			b.CreatedAt, err = val.AsString()
		case "min_engine":
			b.MinEngine, err = val.AsString()
		case "rules":
			err = jsonv.Each(val, func(_ int, item jsonv.Value) error {
				r, err := decodeRule(item)
				b.Rules = append(b.Rules, r)
				return err
			})
		case "tables":
			if val.Kind == jsonv.Null {
				return nil
			}
			b.Tables = map[string]RawJSON{}
			err = jsonv.Fields(val, func(name string, t jsonv.Value) error {
				b.Tables[name] = t.Raw()
				return nil
			})
		default:
			err = jsonv.ErrUnknownField
		}
		return err
	})
	return b, err
}

func decodeRule(v jsonv.Value) (Rule, error) {
	var r Rule
	err := jsonv.Fields(v, func(k string, val jsonv.Value) (err error) {
		switch k {
		case "id":
			r.ID, err = val.AsString()
		case "type":
			var s string
			s, err = val.AsString()
			r.Type = Type(s)
		case "locales":
			r.Locales, err = val.Strings()
		case "anchor":
			r.Anchor, err = val.AsString()
		case "pattern":
			r.Pattern, err = val.AsString()
		case "triggers":
			r.Triggers, err = val.Strings()
		case "before":
			r.Before, err = val.AsInt()
		case "after":
			r.After, err = val.AsInt()
		case "validator":
			r.Validator, err = val.AsString()
		case "score":
			r.Score, err = val.Float()
		case "context":
			r.Context, err = val.StringsMap()
		case "negative":
			r.Negative, err = val.StringsMap()
		case "veto":
			r.Veto, err = val.StringsMap()
		case "veto_except":
			r.VetoExcept, err = val.Strings()
		case "veto_twice":
			r.VetoTwice, err = val.Strings()
		case "veto_near":
			r.VetoNear, err = val.AsString()
		case "context_boost":
			r.ContextBoost, err = val.Float()
		case "negative_penalty":
			r.NegativePenalty, err = val.Float()
		case "requires_context":
			r.RequiresContext, err = val.AsBool()
		case "negative_after":
			r.NegativeAfter, err = val.AsBool()
		case "negative_before":
			r.NegativeBefore, err = val.AsBool()
		case "severity":
			var s string
			s, err = val.AsString()
			r.Severity = Severity(s)
		case "explain":
			r.Explain, err = val.StringMap()
		case "examples":
			r.Examples, err = decodeExamples(val)
		default:
			err = jsonv.ErrUnknownField
		}
		return err
	})
	return r, err
}

func decodeExamples(v jsonv.Value) (Examples, error) {
	var ex Examples
	err := jsonv.Fields(v, func(k string, val jsonv.Value) (err error) {
		switch k {
		case "positive":
			err = jsonv.Each(val, func(_ int, item jsonv.Value) error {
				var e Example
				err := jsonv.Fields(item, func(k string, val jsonv.Value) (err error) {
					switch k {
					case "text":
						e.Text, err = val.AsString()
					case "match":
						e.Match, err = val.AsString()
					default:
						err = jsonv.ErrUnknownField
					}
					return err
				})
				ex.Positive = append(ex.Positive, e)
				return err
			})
		case "negative":
			ex.Negative, err = val.Strings()
		default:
			err = jsonv.ErrUnknownField
		}
		return err
	})
	return ex, err
}
