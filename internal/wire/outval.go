package wire

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The encoders read service outputs as encoding/json would see them, but
// straight from the Go values through reflection: struct fields by json tag
// (omitempty, omitzero and "-" honoured, embedded structs promoted), maps,
// slices, pointers and interfaces. A type with its own MarshalJSON or
// MarshalText (other than time.Time) is marshalled and read back as a
// document, so the result is what json.Marshal would have produced, only
// without building it first. One difference: the ",string" option is
// ignored, since the shape, not the tag, decides how a number is written.

var (
	timeType          = reflect.TypeFor[time.Time]()
	numberType        = reflect.TypeFor[json.Number]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// typeCache caches struct field tables per type. The zero value is ready.
type typeCache struct {
	m sync.Map // reflect.Type → *structInfo
}

type fieldInfo struct {
	index     []int
	omitEmpty bool
	omitZero  bool
}

type structInfo struct {
	fields map[string]fieldInfo
}

func (c *typeCache) info(t reflect.Type) *structInfo {
	if v, ok := c.m.Load(t); ok {
		return v.(*structInfo)
	}
	si := &structInfo{fields: map[string]fieldInfo{}}
	type cand struct {
		fieldInfo
		depth  int
		tagged bool
	}
	best := map[string][]cand{}
	var walk func(t reflect.Type, index []int, depth int, seen map[reflect.Type]bool)
	walk = func(t reflect.Type, index []int, depth int, seen map[reflect.Type]bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		defer delete(seen, t)
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous {
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if name == "" && ft.Kind() == reflect.Struct {
					walk(ft, append(slices.Clone(index), i), depth+1, seen)
					continue
				}
				if !f.IsExported() && ft.Kind() != reflect.Struct {
					continue
				}
			} else if !f.IsExported() {
				continue
			}
			tagged := name != ""
			if name == "" {
				name = f.Name
			}
			fi := fieldInfo{index: append(slices.Clone(index), i)}
			for o := range strings.SplitSeq(opts, ",") {
				switch o {
				case "omitempty":
					fi.omitEmpty = true
				case "omitzero":
					fi.omitZero = true
				}
			}
			best[name] = append(best[name], cand{fi, depth, tagged})
		}
	}
	walk(t, nil, 0, map[reflect.Type]bool{})
	for name, cs := range best {
		// encoding/json's rule: the shallowest field wins; among equals a
		// tagged one wins; otherwise the name is ambiguous and dropped.
		slices.SortStableFunc(cs, func(a, b cand) int {
			if a.depth != b.depth {
				return a.depth - b.depth
			}
			if a.tagged != b.tagged {
				if a.tagged {
					return -1
				}
				return 1
			}
			return 0
		})
		if len(cs) > 1 && cs[0].depth == cs[1].depth && cs[0].tagged == cs[1].tagged {
			continue
		}
		si.fields[name] = cs[0].fieldInfo
	}
	v, _ := c.m.LoadOrStore(t, si)
	return v.(*structInfo)
}

// resolve strips pointers and interfaces and replaces values with custom
// JSON or text marshalling by their document form. ok is false for nil.
func resolve(v reflect.Value) (reflect.Value, bool, error) {
	for {
		if !v.IsValid() {
			return v, false, nil
		}
		t := v.Type()
		if t == timeType || t == numberType {
			return v, true, nil
		}
		k := v.Kind()
		if (k == reflect.Pointer || k == reflect.Interface) && v.IsNil() {
			return v, false, nil
		}
		if k != reflect.Interface && (t.Implements(marshalerType) || t.Implements(textMarshalerType)) {
			if k == reflect.Pointer && t.Elem() == timeType {
				v = v.Elem()
				continue
			}
			doc, err := toDoc(v.Interface())
			if err != nil {
				return v, false, err
			}
			if doc == nil {
				return v, false, nil
			}
			return reflect.ValueOf(doc), true, nil
		}
		switch k {
		case reflect.Pointer, reflect.Interface:
			v = v.Elem()
			continue
		case reflect.Map, reflect.Slice:
			if v.IsNil() {
				return v, false, nil
			}
		}
		return v, true, nil
	}
}

// field returns the value of the struct field or map entry named name.
func (c *typeCache) field(v reflect.Value, name string) (reflect.Value, bool, error) {
	switch v.Kind() {
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return v, false, nil
		}
		if m, ok := v.Interface().(map[string]any); ok {
			e, ok := m[name]
			if !ok || e == nil {
				return v, false, nil
			}
			return resolve(reflect.ValueOf(e))
		}
		e := v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))
		if !e.IsValid() {
			return e, false, nil
		}
		return resolve(e)
	case reflect.Struct:
		fi, ok := c.info(v.Type()).fields[name]
		if !ok {
			return v, false, nil
		}
		f, err := v.FieldByIndexErr(fi.index)
		if err != nil { // through a nil embedded pointer
			return v, false, nil
		}
		if fi.omitEmpty && isEmpty(f) || fi.omitZero && isZero(f) {
			return v, false, nil
		}
		return resolve(f)
	}
	return v, false, nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func isZero(v reflect.Value) bool {
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		return z.IsZero()
	}
	return v.IsZero()
}

// entry is one map entry with its key as JSON would write it.
type entry struct {
	key string
	val reflect.Value
}

// entries returns a map's non-nil entries sorted by key.
func entries(v reflect.Value) ([]entry, error) {
	if v.Kind() != reflect.Map {
		return nil, fmt.Errorf("want a map, have %s", v.Type())
	}
	out := make([]entry, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		k := iter.Key()
		var key string
		switch {
		case k.Kind() == reflect.String:
			key = k.String()
		case k.Type().Implements(textMarshalerType):
			b, err := k.Interface().(encoding.TextMarshaler).MarshalText()
			if err != nil {
				return nil, err
			}
			key = string(b)
		case k.CanInt():
			key = strconv.FormatInt(k.Int(), 10)
		case k.CanUint():
			key = strconv.FormatUint(k.Uint(), 10)
		default:
			return nil, fmt.Errorf("unsupported map key type %s", k.Type())
		}
		e, ok, err := resolve(iter.Value())
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, entry{key, e})
		}
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	return out, nil
}

// kindName describes a value in errors.
func kindName(v reflect.Value) string {
	if !v.IsValid() {
		return "null"
	}
	return v.Type().String()
}

// textOf returns the text of a string-like value.
func textOf(v reflect.Value) (string, bool) {
	if v.Kind() == reflect.String && v.Type() != numberType {
		return v.String(), true
	}
	return "", false
}

// numberText returns the JSON text of a number, as encoding/json writes it;
// non-finite floats as "NaN", "Infinity", "-Infinity" (quoted=true).
func numberText(v reflect.Value, integer bool) (text string, quoted bool, err error) {
	switch {
	case v.Type() == numberType:
		s := v.String()
		if integer {
			if _, err := strconv.ParseInt(s, 10, 64); err != nil {
				return "", false, fmt.Errorf("want an integer, have %s", s)
			}
		} else if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "", false, fmt.Errorf("want a number, have %q", s)
		}
		return s, false, nil
	case v.CanInt():
		return strconv.FormatInt(v.Int(), 10), false, nil
	case v.CanUint():
		return strconv.FormatUint(v.Uint(), 10), false, nil
	case v.CanFloat():
		f := v.Float()
		if integer {
			if f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
				return "", false, fmt.Errorf("want an integer, have %v", f)
			}
			return strconv.FormatFloat(f, 'f', -1, 64), false, nil
		}
		switch {
		case math.IsNaN(f):
			return "NaN", true, nil
		case math.IsInf(f, 1):
			return "Infinity", true, nil
		case math.IsInf(f, -1):
			return "-Infinity", true, nil
		}
		bits := 64
		if v.Kind() == reflect.Float32 {
			bits = 32
		}
		return formatFloat(f, bits), false, nil
	case v.Kind() == reflect.String && !integer:
		if s := v.String(); s == "NaN" || s == "Infinity" || s == "-Infinity" {
			return s, true, nil
		}
	}
	return "", false, fmt.Errorf("want a number, have %s", kindName(v))
}

// formatFloat writes a float as encoding/json does (ES6 number formatting).
func formatFloat(f float64, bits int) string {
	return string(appendFloat(nil, f, bits))
}

// timeOf reads a timestamp: time.Time, an RFC 3339 string, or epoch seconds.
func timeOf(v reflect.Value) (time.Time, error) {
	if v.Type() == timeType {
		return v.Interface().(time.Time), nil
	}
	if v.Type() == numberType {
		return parseTimestamp(v.String(), tsEpoch)
	}
	if s, ok := textOf(v); ok {
		return parseTimestamp(s, tsISO8601)
	}
	if v.CanInt() || v.CanUint() || v.CanFloat() {
		text, _, err := numberText(v, false)
		if err != nil {
			return time.Time{}, err
		}
		return parseTimestamp(text, tsEpoch)
	}
	return time.Time{}, fmt.Errorf("want a timestamp, have %s", kindName(v))
}

// blobText returns a blob as base64: []byte is encoded, a string is taken
// as already encoded (the document form).
func blobText(v reflect.Value) (string, error) {
	if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
		return base64.StdEncoding.EncodeToString(v.Bytes()), nil
	}
	if s, ok := textOf(v); ok {
		return s, nil
	}
	return "", fmt.Errorf("want a blob, have %s", kindName(v))
}
