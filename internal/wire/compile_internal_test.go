package wire

import (
	"fmt"
	"math"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// realOutput is an operation of a JSON service with the Go type its
// service package returns.
type realOutput struct {
	svc *Service
	op  *Operation
	typ reflect.Type
}

// realOutputs lists every operation whose name is a method of the service
// package that serves it (the front end maps them one to one), with the
// method's result type.
func realOutputs(tb testing.TB) []realOutput {
	tb.Helper()
	reg, err := LoadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []realOutput
	for _, s := range []struct {
		name string
		recv reflect.Type
	}{
		{"inspector2", reflect.TypeFor[*inspector.Service]()},
		{"organizations", reflect.TypeFor[*org.Organization]()},
		{"inspector", reflect.TypeFor[*classic.Service]()},
	} {
		svc, ok := reg.Service(s.name)
		if !ok {
			tb.Fatalf("no service %s", s.name)
		}
		for i := range s.recv.NumMethod() {
			m := s.recv.Method(i)
			op, ok := svc.Operation(m.Name)
			if !ok || op.Output == nil || m.Type.NumOut() != 2 {
				continue
			}
			t := m.Type.Out(0)
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			if t.Kind() != reflect.Struct {
				continue
			}
			out = append(out, realOutput{svc, op, t})
		}
	}
	if len(out) < 30 {
		tb.Fatalf("only %d operations found", len(out))
	}
	return out
}

// drawStrings are strings that exercise escaping, ASCII runs longer than a
// word, invalid UTF-8 and the values the services use.
var drawStrings = []string{
	"a", "", "CRITICAL", "ACTIVE", "arn:aws:inspector2:us-east-1:111122223333:finding/abc",
	"quote \" and \\ backslash", "tab\tnew\nline\r", "\x00\x01\x1f", "caf\u00e9 \u2028 \U0001F600",
	"bad \xff utf8 \xc3", "<html>&amp;</html>", "0123456789abcdef0123456789abcdef", "2026-11-23T12:00:00Z",
}

// drawLen draws the length of a slice or map, -1 for nil; rapid's bias to
// small draws favours one or two elements.
func drawLen(t *rapid.T) int {
	return []int{1, 2, 0, -1, 3}[rapid.IntRange(0, 4).Draw(t, "len")]
}

// fill sets v, a settable value, to a random value of its type.
func fill(t *rapid.T, v reflect.Value, depth int) {
	typ := v.Type()
	if typ == timeType {
		sec := rapid.Int64Range(-100_000_000, 5_000_000_000).Draw(t, "sec")
		ns := rapid.SampledFrom([]int64{0, 1, 999_999, 1_000_000, 476_000_000, 999_999_999}).Draw(t, "ns")
		loc := rapid.SampledFrom([]*time.Location{time.UTC, time.FixedZone("X", 3600)}).Draw(t, "loc")
		v.Set(reflect.ValueOf(time.Unix(sec, ns).In(loc)))
		return
	}
	switch typ.Kind() {
	case reflect.String:
		if rapid.Bool().Draw(t, "sampled") {
			v.SetString(rapid.SampledFrom(drawStrings).Draw(t, "s"))
		} else {
			v.SetString(rapid.StringN(0, 12, -1).Draw(t, "s"))
		}
	case reflect.Bool:
		v.SetBool(rapid.Bool().Draw(t, "b"))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(rapid.Int64Range(-1000, 1<<40).Draw(t, "i"))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(rapid.IntRange(0, 255).Draw(t, "u")))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(rapid.SampledFrom([]float64{9.8, 0, 0.00042, 1e-7, 1e21, 123456789.125, -3.5, math.NaN(), math.Inf(1), math.Inf(-1)}).Draw(t, "f"))
	case reflect.Pointer:
		if depth > 8 || rapid.IntRange(0, 4).Draw(t, "nil") == 4 {
			return
		}
		p := reflect.New(typ.Elem())
		fill(t, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		n := drawLen(t)
		if n < 0 || depth > 8 {
			return
		}
		s := reflect.MakeSlice(typ, n, n)
		for i := range n {
			fill(t, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		n := drawLen(t)
		if n < 0 || depth > 8 {
			return
		}
		m := reflect.MakeMap(typ)
		for range n {
			k, e := reflect.New(typ.Key()).Elem(), reflect.New(typ.Elem()).Elem()
			fill(t, k, depth+1)
			fill(t, e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range typ.NumField() {
			if f := v.Field(i); f.CanSet() {
				fill(t, f, depth+1)
			}
		}
	case reflect.Interface:
		switch rapid.IntRange(0, 3).Draw(t, "any") {
		case 1:
			v.Set(reflect.ValueOf(rapid.SampledFrom(drawStrings).Draw(t, "s")))
		case 2:
			v.Set(reflect.ValueOf(rapid.Float64Range(-10, 10).Draw(t, "f")))
		case 3:
			v.Set(reflect.ValueOf(map[string]any{"a": "b"}))
		}
	}
}

// encodeBoth encodes output through the compiled plans and through the
// reflective encoder alone.
func encodeBoth(svc *Service, op *Operation, output any) (compiled, reflective string) {
	render := func(c bool) string {
		w := httptest.NewRecorder()
		if err := svc.encodeResponse(w, op, output, "rid", c); err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("%d %v\n%s", w.Code, w.Header(), w.Body.String())
	}
	return render(true), render(false)
}

// The compiled encoder writes exactly what the reflective encoder writes
// (status, headers, body, or the same error) for random values of the Go
// types the service packages return, read as the real output shapes, by
// pointer and by value.
func propCompiledEqualsReflective(t *rapid.T, outs []realOutput) {
	o := rapid.SampledFrom(outs).Draw(t, "operation")
	v := reflect.New(o.typ)
	fill(t, v.Elem(), 0)
	output := v.Interface()
	if rapid.Bool().Draw(t, "by value") {
		output = v.Elem().Interface()
	}
	got, want := encodeBoth(o.svc, o.op, output)
	if got != want {
		t.Fatalf("%s %s: compiled and reflective differ:\n%s", o.svc.Name, o.op.Name, cmp.Diff(want, got))
	}
}

func TestCompiledEqualsReflective(t *testing.T) {
	outs := realOutputs(t)
	rapid.Check(t, func(t *rapid.T) { propCompiledEqualsReflective(t, outs) })
}

func FuzzCompiledEqualsReflective(f *testing.F) {
	outs := realOutputs(f)
	f.Fuzz(rapid.MakeFuzz(func(t *rapid.T) { propCompiledEqualsReflective(t, outs) }))
}

// A plan is compiled once per shape and type and then reused.
func TestPlansAreCached(t *testing.T) {
	outs := realOutputs(t)
	o := outs[0]
	e := &jsonEnc{proto: o.svc.Protocol, types: &o.svc.types, plans: &o.svc.plans}
	p1 := e.plan(nil, o.op.Output, o.typ, true)
	p2 := e.plan(nil, o.op.Output, o.typ, true)
	if p1 != p2 {
		t.Fatal("the same key compiled twice")
	}
	if p3 := e.plan(nil, o.op.Output, o.typ, false); p3 == p1 {
		t.Fatal("bodyOnly is part of the key")
	}
}

// needsEscape8 never misses a byte that appendJSONString must look at.
func TestNeedsEscape8(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := rapid.SliceOfN(rapid.Byte(), 8, 8).Draw(t, "word")
		need := false
		for _, c := range b {
			if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				need = true
			}
		}
		if need && !needsEscape8(load64(string(b), 0)) {
			t.Fatalf("%q: needsEscape8 is false", b)
		}
	})
}
