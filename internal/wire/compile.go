package wire

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// The JSON encoders (JSON 1.1 and REST-JSON) compile, once per output
// shape and Go type, a plan that appends a value straight into the output
// buffer: struct fields are resolved to their indexes when the plan is
// built, and scalars are written from the reflect.Value without boxing or
// intermediate documents. Anything a plan does not handle itself (maps
// other than map[string]string, values with their own MarshalJSON or
// MarshalText, numbers held as json.Number, values that do not fit their
// shape) is handed to the reflective encoder of encode.go, value by value,
// so that the bytes and the errors are the same as that encoder's; it stays
// the reference the compiled plans are tested against.

// planKey identifies one plan: a shape read from a Go type. The member
// matters only for timestamps (its timestampFormat); bodyOnly only for the
// top-level structure of a REST-JSON output.
type planKey struct {
	m        *Member
	sh       *Shape
	t        reflect.Type
	bodyOnly bool
}

// encoder writes v, a value of the plan's Go type, as the plan's shape. It
// reports false, having written nothing it keeps, when v is absent (nil),
// as the reflective encoder skips it.
type encoder func(e *jsonEnc, v reflect.Value) (bool, error)

// plan holds an encoder; plans refer to each other through it, so that
// recursive shapes compile.
type plan struct{ enc encoder }

// planCache caches compiled plans per service. The zero value is ready.
type planCache struct {
	m sync.Map // planKey → *plan
}

var zeroerType = reflect.TypeFor[interface{ IsZero() bool }]()

// plan returns the plan for a value of type t of shape sh.
func (e *jsonEnc) plan(m *Member, sh *Shape, t reflect.Type, bodyOnly bool) *plan {
	k := planKey{m, sh, t, bodyOnly}
	if sh.Type != TypeTimestamp {
		k.m = nil
	}
	if p, ok := e.plans.m.Load(k); ok {
		return p.(*plan)
	}
	c := &compiler{proto: e.proto, types: e.types, plans: e.plans, building: map[planKey]*plan{}}
	p := c.get(k)
	// Publish only finished plans: a plan under construction may refer to
	// one whose encoder is not set yet.
	for bk, bp := range c.building {
		c.plans.m.LoadOrStore(bk, bp)
	}
	if got, ok := e.plans.m.Load(k); ok {
		return got.(*plan)
	}
	return p
}

// compiler builds the plans reachable from one key.
type compiler struct {
	proto    Protocol
	types    *typeCache
	plans    *planCache
	building map[planKey]*plan
}

func (c *compiler) get(k planKey) *plan {
	if k.sh.Type != TypeTimestamp {
		k.m = nil
	}
	if p, ok := c.plans.m.Load(k); ok {
		return p.(*plan)
	}
	if p, ok := c.building[k]; ok {
		return p
	}
	p := &plan{}
	c.building[k] = p
	p.enc = c.build(k)
	return p
}

// fallback encodes through the reflective encoder.
func fallback(k planKey) encoder {
	m, sh, bodyOnly := k.m, k.sh, k.bodyOnly
	return func(e *jsonEnc, v reflect.Value) (bool, error) {
		r, ok, err := resolve(v)
		if err != nil || !ok {
			return false, err
		}
		if sh.Type == TypeStructure {
			return true, e.structure(sh, r, bodyOnly)
		}
		return true, e.value(m, sh, r)
	}
}

// marshals reports whether resolve replaces values of t by their document.
func marshals(t reflect.Type) bool {
	if t.Kind() == reflect.Interface || t == timeType || t == numberType {
		return false
	}
	if t.Kind() == reflect.Pointer && t.Elem() == timeType {
		return false
	}
	return t.Implements(marshalerType) || t.Implements(textMarshalerType)
}

// build follows resolve (pointers, interfaces, nil) and then the shape.
func (c *compiler) build(k planKey) encoder {
	t := k.t
	if t == numberType {
		return fallback(k)
	}
	if marshals(t) {
		return c.marshaled(k)
	}
	switch t.Kind() {
	case reflect.Interface:
		return func(e *jsonEnc, v reflect.Value) (bool, error) {
			if v.IsNil() {
				return false, nil
			}
			el := v.Elem()
			return e.plan(k.m, k.sh, el.Type(), k.bodyOnly).enc(e, el)
		}
	case reflect.Pointer:
		el := c.get(planKey{k.m, k.sh, t.Elem(), k.bodyOnly})
		return func(e *jsonEnc, v reflect.Value) (bool, error) {
			if v.IsNil() {
				return false, nil
			}
			return el.enc(e, v.Elem())
		}
	}
	enc := c.shaped(k)
	if t.Kind() == reflect.Map || t.Kind() == reflect.Slice {
		return func(e *jsonEnc, v reflect.Value) (bool, error) {
			if v.IsNil() {
				return false, nil
			}
			return enc(e, v)
		}
	}
	return enc
}

// marshaled writes a value with its own MarshalJSON or MarshalText. The
// reflective encoder marshals such a value, reads the JSON back and writes
// the document; when the shape is a string or a blob and the marshalled
// form is a plain JSON string (no escapes, valid UTF-8), that comes to
// writing it as it is. Anything else goes the reflective way.
func (c *compiler) marshaled(k planKey) encoder {
	fb := fallback(k)
	if k.sh.Type != TypeString && k.sh.Type != TypeBlob {
		return fb
	}
	isJSON := k.t.Implements(marshalerType)
	nilable := k.t.Kind() == reflect.Pointer
	return func(e *jsonEnc, v reflect.Value) (bool, error) {
		if nilable && v.IsNil() {
			return false, nil
		}
		if !v.CanInterface() {
			return fb(e, v)
		}
		if isJSON {
			raw, err := v.Interface().(json.Marshaler).MarshalJSON()
			if err != nil || !plainJSONString(raw) {
				return fb(e, v)
			}
			e.buf = append(e.buf, raw...)
			return true, nil
		}
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil || !utf8.Valid(text) {
			return fb(e, v)
		}
		e.buf = appendJSONString(e.buf, string(text))
		return true, nil
	}
}

// plainJSONString reports whether raw is a JSON string without escapes,
// which appendJSONString would write back unchanged.
func plainJSONString(raw []byte) bool {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return false
	}
	in := raw[1 : len(raw)-1]
	for _, b := range in {
		if b < 0x20 || b == '"' || b == '\\' {
			return false
		}
	}
	return utf8.Valid(in)
}

// shaped writes a present, resolved value of type k.t as k.sh.
func (c *compiler) shaped(k planKey) encoder {
	t, sh := k.t, k.sh
	kind := t.Kind()
	switch sh.Type {
	case TypeStructure:
		if kind == reflect.Struct && t != timeType {
			return c.structure(k)
		}
	case TypeList:
		if kind == reflect.Slice || kind == reflect.Array {
			return c.list(k)
		}
	case TypeMap:
		if t == reflect.TypeFor[map[string]string]() && sh.Value.Shape.Type == TypeString {
			return stringMap
		}
	case TypeString:
		if kind == reflect.String {
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				e.buf = appendJSONString(e.buf, v.String())
				return true, nil
			}
		}
	case TypeBlob:
		if kind == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				e.buf = append(e.buf, '"')
				e.buf = base64.StdEncoding.AppendEncode(e.buf, v.Bytes())
				e.buf = append(e.buf, '"')
				return true, nil
			}
		}
		if kind == reflect.String {
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				e.buf = appendJSONString(e.buf, v.String())
				return true, nil
			}
		}
	case TypeBoolean:
		if kind == reflect.Bool {
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				e.buf = strconv.AppendBool(e.buf, v.Bool())
				return true, nil
			}
		}
	case TypeInteger, TypeLong, TypeFloat, TypeDouble:
		switch {
		case intKind(kind):
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
				return true, nil
			}
		case uintKind(kind):
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
				return true, nil
			}
		case (kind == reflect.Float32 || kind == reflect.Float64) && (sh.Type == TypeFloat || sh.Type == TypeDouble):
			bits := 64
			if kind == reflect.Float32 {
				bits = 32
			}
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				e.buf = appendJSONFloat(e.buf, v.Float(), bits)
				return true, nil
			}
		}
	case TypeTimestamp:
		if t == timeType {
			f := timestampFormat(k.m, sh, c.proto, "")
			return func(e *jsonEnc, v reflect.Value) (bool, error) {
				t := timeAt(v)
				if f == tsEpoch {
					e.buf = appendTimestamp(e.buf, t, f)
				} else {
					e.buf = append(e.buf, '"')
					e.buf = appendTimestamp(e.buf, t, f)
					e.buf = append(e.buf, '"')
				}
				return true, nil
			}
		}
	}
	return fallback(k)
}

func intKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Int64
}

func uintKind(k reflect.Kind) bool {
	return k >= reflect.Uint && k <= reflect.Uintptr
}

// timeAt reads a time.Time without copying it into an interface when the
// value is addressable (every value reached through a pointer or a slice):
// a pointer in an interface is not boxed.
func timeAt(v reflect.Value) time.Time {
	if v.CanAddr() {
		if t, ok := v.Addr().Interface().(*time.Time); ok {
			return *t
		}
	}
	return v.Interface().(time.Time)
}

// fieldEnc is one structure member read from a struct field.
type fieldEnc struct {
	key       []byte // "wireName":
	name      string // member name, for error paths
	index     []int
	omitEmpty bool
	omitZero  func(reflect.Value) bool
	sub       *plan
}

func (c *compiler) structure(k planKey) encoder {
	info := c.types.info(k.t)
	var fields []fieldEnc
	for _, m := range k.sh.Members {
		if k.bodyOnly && m.Location != "" {
			continue
		}
		fi, ok := info.fields[m.wireName()]
		if !ok && m.LocationName != "" {
			fi, ok = info.fields[m.Name]
		}
		if !ok {
			continue
		}
		ft := k.t.FieldByIndex(fi.index).Type
		f := fieldEnc{
			key:       append(appendJSONString(nil, m.wireName()), ':'),
			name:      m.Name,
			index:     fi.index,
			omitEmpty: fi.omitEmpty,
			sub:       c.get(planKey{m, m.Shape, ft, false}),
		}
		if fi.omitZero {
			switch {
			case ft == timeType:
				f.omitZero = func(v reflect.Value) bool { return timeAt(v).IsZero() }
			case ft.Implements(zeroerType):
				f.omitZero = isZero
			default:
				f.omitZero = reflect.Value.IsZero
			}
		}
		fields = append(fields, f)
	}
	return func(e *jsonEnc, v reflect.Value) (bool, error) {
		e.buf = append(e.buf, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			fv, ok := fieldAt(v, f.index)
			if !ok || f.omitEmpty && isEmpty(fv) || f.omitZero != nil && f.omitZero(fv) {
				continue
			}
			mark := len(e.buf)
			if !first {
				e.buf = append(e.buf, ',')
			}
			e.buf = append(e.buf, f.key...)
			ok, err := f.sub.enc(e, fv)
			if err != nil {
				return false, inPath(f.name, err)
			}
			if !ok {
				e.buf = e.buf[:mark]
				continue
			}
			first = false
		}
		e.buf = append(e.buf, '}')
		return true, nil
	}
}

// fieldAt is v.FieldByIndexErr without the error: false through a nil
// embedded pointer.
func fieldAt(v reflect.Value, index []int) (reflect.Value, bool) {
	if len(index) == 1 {
		return v.Field(index[0]), true
	}
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct {
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

func (c *compiler) list(k planKey) encoder {
	el := c.get(planKey{k.sh.Member, k.sh.Member.Shape, k.t.Elem(), false})
	return func(e *jsonEnc, v reflect.Value) (bool, error) {
		e.buf = append(e.buf, '[')
		n := 0
		for i := range v.Len() {
			mark := len(e.buf)
			if n > 0 {
				e.buf = append(e.buf, ',')
			}
			ok, err := el.enc(e, v.Index(i))
			if err != nil {
				return false, inPath(strconv.Itoa(i), err)
			}
			if !ok {
				e.buf = e.buf[:mark]
				continue
			}
			n++
		}
		e.buf = append(e.buf, ']')
		return true, nil
	}
}

// stringMap writes a map[string]string in key order; e.keys is a stack
// shared by nested maps.
func stringMap(e *jsonEnc, v reflect.Value) (bool, error) {
	m := v.Interface().(map[string]string)
	start := len(e.keys)
	for key := range m {
		e.keys = append(e.keys, key)
	}
	keys := e.keys[start:]
	slices.Sort(keys)
	e.buf = append(e.buf, '{')
	for i, key := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendJSONString(e.buf, key)
		e.buf = append(e.buf, ':')
		e.buf = appendJSONString(e.buf, m[key])
	}
	e.buf = append(e.buf, '}')
	clear(keys)
	e.keys = e.keys[:start]
	return true, nil
}

// appendJSONFloat writes f as the reflective encoder does: encoding/json's
// number form, non-finite values as quoted "NaN", "Infinity", "-Infinity".
func appendJSONFloat(buf []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(buf, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(buf, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(buf, `"-Infinity"`...)
	}
	return appendFloat(buf, f, bits)
}

// appendFloat writes a float as encoding/json does (ES6 number formatting).
func appendFloat(buf []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	start := len(buf)
	buf = strconv.AppendFloat(buf, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		b := buf[start:]
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			buf = buf[:len(buf)-1]
		}
	}
	return buf
}

// bufPool holds a service's response buffers between calls. The zero
// value is ready.
type bufPool struct{ p sync.Pool }

// maxPooled is the largest buffer kept for reuse.
const maxPooled = 4 << 20

func (p *bufPool) get() *[]byte {
	if b, ok := p.p.Get().(*[]byte); ok {
		return b
	}
	b := make([]byte, 0, 4096)
	return &b
}

// put returns buf, grown from *b, to the pool once it has been written.
func (p *bufPool) put(b *[]byte, buf []byte) {
	if cap(buf) > maxPooled {
		return
	}
	*b = buf[:0]
	p.p.Put(b)
}
