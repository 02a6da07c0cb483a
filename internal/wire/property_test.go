package wire_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// docGen draws documents that fit a shape's types (not its constraints).
type docGen struct {
	t      *rapid.T
	proto  wire.Protocol
	output bool // encoding/json form keyed by wire names, as services return
}

const maxDepth = 5

func (g *docGen) structure(sh *wire.Shape, depth int) map[string]any {
	out := map[string]any{}
	if sh == nil {
		return out
	}
	for _, m := range sh.Members {
		if m.Location == wire.LocationStatusCode || m.Location == wire.LocationHeaders {
			continue
		}
		if g.proto == wire.ProtocolRESTJSON && !g.output && m.Location == wire.LocationURI {
			// Labels are always present and never empty: the path needs them.
			out[m.Name] = rapid.StringN(1, 12, -1).Draw(g.t, m.Name)
			continue
		}
		if m.Location == wire.LocationHeader {
			continue
		}
		if !rapid.Bool().Draw(g.t, "has "+m.Name) {
			continue
		}
		v := g.value(m, m.Shape, depth+1)
		if v == nil {
			continue
		}
		if m.Location == wire.LocationQuery && m.Shape.Type == wire.TypeList && len(v.([]any)) == 0 {
			continue // an empty list leaves no trace in a query string
		}
		key := m.Name
		if g.output {
			key = wireName(m)
		}
		out[key] = v
	}
	return out
}

// value returns nil for "leave the member out".
func (g *docGen) value(m *wire.Member, sh *wire.Shape, depth int) any {
	query := g.proto == wire.ProtocolQuery && !g.output
	switch sh.Type {
	case wire.TypeStructure:
		if depth > maxDepth {
			return nil
		}
		s := g.structure(sh, depth)
		if len(s) == 0 && query {
			return nil // no parameter carries an empty structure
		}
		return s
	case wire.TypeList:
		n := rapid.IntRange(0, 3).Draw(g.t, "len")
		if depth > maxDepth {
			n = 0
		}
		out := []any{}
		for range n {
			if e := g.value(sh.Member, sh.Member.Shape, depth+1); e != nil {
				out = append(out, e)
			}
		}
		return out
	case wire.TypeMap:
		n := rapid.IntRange(0, 3).Draw(g.t, "len")
		if depth > maxDepth {
			n = 0
		}
		out := map[string]any{}
		for range n {
			k := rapid.StringN(0, 8, -1).Draw(g.t, "key")
			if e := g.value(sh.Value, sh.Value.Shape, depth+1); e != nil {
				out[k] = e
			}
		}
		if len(out) == 0 && query {
			return nil
		}
		return out
	case wire.TypeString:
		if len(sh.Enum) > 0 && rapid.Bool().Draw(g.t, "enum") {
			return rapid.SampledFrom(sh.Enum).Draw(g.t, "enum value")
		}
		return rapid.StringN(0, 12, -1).Draw(g.t, "string")
	case wire.TypeBoolean:
		return rapid.Bool().Draw(g.t, "bool")
	case wire.TypeInteger:
		n := int64(rapid.Int32().Draw(g.t, "int"))
		if g.output {
			return json.Number(strconv.FormatInt(n, 10))
		}
		return n
	case wire.TypeLong:
		n := rapid.Int64().Draw(g.t, "long")
		if g.output {
			return json.Number(strconv.FormatInt(n, 10))
		}
		return n
	case wire.TypeFloat, wire.TypeDouble:
		f := rapid.Float64Range(-1e12, 1e12).Draw(g.t, "float")
		if g.output {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
		return f
	case wire.TypeTimestamp:
		sec := rapid.Int64Range(0, 4_000_000_000).Draw(g.t, "sec")
		ms := rapid.IntRange(0, 999).Draw(g.t, "ms")
		t := time.Unix(sec, int64(ms)*int64(time.Millisecond)).UTC()
		if g.output {
			return t.Format(time.RFC3339Nano)
		}
		return t
	case wire.TypeBlob:
		b := rapid.SliceOfN(rapid.Byte(), 0, 8).Draw(g.t, "blob")
		if g.output {
			return base64.StdEncoding.EncodeToString(b)
		}
		return b
	}
	return nil
}

func pickOp(t *rapid.T, svc *wire.Service) *wire.Operation {
	name := rapid.SampledFrom(svc.OperationNames()).Draw(t, "operation")
	op, _ := svc.Operation(name)
	return op
}

// checkDecoded asserts that a decode of a serialized document gave it back,
// whatever the model's constraints say about it.
func checkDecoded(t *rapid.T, op *wire.Operation, want map[string]any, gotOp *wire.Operation, got map[string]any, err error) {
	var apiErr *wire.Error
	if err != nil && !errors.As(err, &apiErr) {
		t.Fatalf("Decode error %T: %v", err, err)
	}
	if err != nil && got == nil {
		t.Fatalf("Decode failed before validation: %v", err)
	}
	if gotOp == nil || gotOp.Name != op.Name {
		t.Fatalf("operation %v, want %s", gotOp, op.Name)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("round trip mismatch (-serialized +decoded):\n%s", diff)
	}
}

// Decode(query(v)) == v for every iam and sts operation.
func propQueryRoundTrip(t *rapid.T) {
	svc := rapid.SampledFrom([]*wire.Service{service(t, "iam"), service(t, "sts")}).Draw(t, "service")
	op := pickOp(t, svc)
	g := &docGen{t: t, proto: wire.ProtocolQuery}
	in := g.structure(op.Input, 0)
	body := []byte(serializeQuery(svc, op, in).Encode())
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	gotOp, got, err := svc.Decode(r, body)
	checkDecoded(t, op, in, gotOp, got, err)
}

// Decode(json(v)) == v for every organizations and Inspector Classic operation.
func propJSONRoundTrip(t *rapid.T) {
	svc := rapid.SampledFrom([]*wire.Service{service(t, "organizations"), service(t, "inspector")}).Draw(t, "service")
	op := pickOp(t, svc)
	g := &docGen{t: t, proto: wire.ProtocolJSON}
	in := g.structure(op.Input, 0)
	r, body := jsonRequest(svc, op, in)
	gotOp, got, err := svc.Decode(r, body)
	checkDecoded(t, op, in, gotOp, got, err)
}

// Decode(rest(v)) == v for every inspector2 operation: labels, query string
// and body.
func propRESTRoundTrip(t *rapid.T) {
	svc := service(t, "inspector2")
	op := pickOp(t, svc)
	g := &docGen{t: t, proto: wire.ProtocolRESTJSON}
	in := g.structure(op.Input, 0)
	r, body := restRequest(op, in)
	gotOp, got, err := svc.Decode(r, body)
	checkDecoded(t, op, in, gotOp, got, err)
}

// The JSON body of EncodeResponse is the output document, member for member.
func propJSONResponseRoundTrip(t *rapid.T) {
	svc := rapid.SampledFrom([]*wire.Service{
		service(t, "organizations"), service(t, "inspector"), service(t, "inspector2"),
	}).Draw(t, "service")
	op := pickOp(t, svc)
	g := &docGen{t: t, proto: svc.Protocol, output: true}
	out := g.structure(op.Output, 0)
	// Timestamps come back as epoch seconds.
	want := epochTimestamps(op.Output, out)
	raw, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	if err := svc.EncodeResponse(w, op, json.RawMessage(raw), "rid"); err != nil {
		t.Fatalf("EncodeResponse: %v", err)
	}
	var got any
	dec := json.NewDecoder(w.Body)
	dec.UseNumber()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	if diff := cmp.Diff(any(want), got); diff != "" {
		t.Fatalf("response mismatch (-output +body):\n%s", diff)
	}
	if w.Header().Get("X-Amzn-Requestid") != "rid" {
		t.Fatalf("request id header %q", w.Header().Get("X-Amzn-Requestid"))
	}
}

func epochTimestamps(sh *wire.Shape, v any) any {
	if sh == nil {
		return map[string]any{}
	}
	switch sh.Type {
	case wire.TypeStructure:
		out := map[string]any{}
		for _, m := range sh.Members {
			if e, ok := v.(map[string]any)[wireName(m)]; ok {
				out[wireName(m)] = epochTimestamps(m.Shape, e)
			}
		}
		return out
	case wire.TypeList:
		out := []any{}
		for _, e := range v.([]any) {
			out = append(out, epochTimestamps(sh.Member.Shape, e))
		}
		return out
	case wire.TypeMap:
		out := map[string]any{}
		for k, e := range v.(map[string]any) {
			out[k] = epochTimestamps(sh.Value.Shape, e)
		}
		return out
	case wire.TypeTimestamp:
		t, err := time.Parse(time.RFC3339Nano, v.(string))
		if err != nil {
			panic(err)
		}
		return epochSeconds(t)
	}
	return v
}

// The XML of EncodeResponse is well formed and reads back, element by
// element, to the output document.
func propXMLResponseRoundTrip(t *rapid.T) {
	svc := rapid.SampledFrom([]*wire.Service{service(t, "iam"), service(t, "sts")}).Draw(t, "service")
	op := pickOp(t, svc)
	g := &docGen{t: t, proto: wire.ProtocolQuery, output: true}
	out := g.structure(op.Output, 0)
	raw, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	if err := svc.EncodeResponse(w, op, json.RawMessage(raw), "rid"); err != nil {
		t.Fatalf("EncodeResponse: %v", err)
	}
	root, err := parseXML(w.Body.Bytes())
	if err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, w.Body.String())
	}
	if root.name != op.Name+"Response" {
		t.Fatalf("root %s", root.name)
	}
	if rid := root.child("ResponseMetadata").child("RequestId"); rid == nil || rid.text != "rid" {
		t.Fatalf("no request id")
	}
	if op.Output == nil {
		return
	}
	result := root.child(op.Name + "Result")
	if result == nil {
		t.Fatalf("no %sResult", op.Name)
	}
	got := fromXML(op.Output, result)
	want := xmlExpected(op.Output, out)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("XML mismatch (-output +parsed):\n%s", diff)
	}
}

type xmlNode struct {
	name     string
	text     string
	children []*xmlNode
}

func (n *xmlNode) child(name string) *xmlNode {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

func parseXML(data []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: x.Name.Local}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(x)
			}
		}
	}
	if root == nil {
		return nil, errors.New("empty document")
	}
	return root, nil
}

// fromXML reads an element as the shape says, into the generic JSON form.
func fromXML(sh *wire.Shape, n *xmlNode) any {
	switch sh.Type {
	case wire.TypeStructure:
		out := map[string]any{}
		for _, c := range n.children {
			for _, m := range sh.Members {
				if wireName(m) == c.name {
					out[m.Name] = fromXML(m.Shape, c)
				}
			}
		}
		return out
	case wire.TypeList:
		out := []any{}
		for _, c := range n.children {
			out = append(out, fromXML(sh.Member.Shape, c))
		}
		return out
	case wire.TypeMap:
		out := map[string]any{}
		for _, c := range n.children {
			out[c.child("key").text] = fromXML(sh.Value.Shape, c.child("value"))
		}
		return out
	case wire.TypeInteger, wire.TypeLong, wire.TypeFloat, wire.TypeDouble:
		return json.Number(n.text)
	case wire.TypeBoolean:
		return n.text == "true"
	case wire.TypeTimestamp:
		t, err := time.Parse(time.RFC3339Nano, n.text)
		if err != nil {
			return "bad timestamp " + n.text
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	return n.text
}

// xmlExpected is the output document as XML can carry it: strings with the
// characters XML 1.0 cannot hold replaced by U+FFFD, keys by member name.
func xmlExpected(sh *wire.Shape, v any) any {
	switch sh.Type {
	case wire.TypeStructure:
		out := map[string]any{}
		for _, m := range sh.Members {
			if e, ok := v.(map[string]any)[wireName(m)]; ok {
				out[m.Name] = xmlExpected(m.Shape, e)
			}
		}
		return out
	case wire.TypeList:
		out := []any{}
		for _, e := range v.([]any) {
			out = append(out, xmlExpected(sh.Member.Shape, e))
		}
		return out
	case wire.TypeMap:
		out := map[string]any{}
		for k, e := range v.(map[string]any) {
			out[xmlSafe(k)] = xmlExpected(sh.Value.Shape, e)
		}
		return out
	case wire.TypeString:
		return xmlSafe(v.(string))
	}
	return v
}

func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF && r != utf8.RuneError {
			return r
		}
		return '\uFFFD'
	}, s)
}

// An error with any message renders so that the protocol's parser reads back
// its code and message (escaping is right in every protocol).
func propErrorEnvelope(t *rapid.T) {
	svc := rapid.SampledFrom(registry(t).Services()).Draw(t, "service")
	code := rapid.StringMatching(`[A-Za-z][A-Za-z0-9.]{0,30}`).Draw(t, "code")
	msg := rapid.String().Draw(t, "message")
	w := httptest.NewRecorder()
	svc.EncodeError(w, &wire.Error{Code: code, Message: msg, Status: 400 + rapid.IntRange(0, 99).Draw(t, "status")}, "rid")
	if w.Code < 400 {
		t.Fatalf("status %d", w.Code)
	}
	wantCode := code
	if sh, ok := svc.ErrorShape(code); ok {
		wantCode = sh.ErrorCode
	} else if sh, ok := svc.Shape(code); ok && sh.Exception {
		wantCode = sh.ErrorCode
	}
	switch svc.Protocol {
	case wire.ProtocolQuery:
		root, err := parseXML(w.Body.Bytes())
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		e := root.child("Error")
		if got := e.child("Code").text; got != wantCode {
			t.Fatalf("code %q, want %q", got, wantCode)
		}
		if got := e.child("Message").text; got != xmlSafe(msg) {
			t.Fatalf("message %q, want %q", got, xmlSafe(msg))
		}
	default:
		var body map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if got := w.Header().Get("X-Amzn-Errortype"); got != wantCode {
			t.Fatalf("x-amzn-ErrorType %q, want %q", got, wantCode)
		}
		if svc.Protocol == wire.ProtocolJSON && body["__type"] != wantCode {
			t.Fatalf("__type %v, want %q", body["__type"], wantCode)
		}
		m, ok := body["message"]
		if !ok {
			m = body["Message"]
		}
		if m != msg {
			t.Fatalf("message %q, want %q", m, msg)
		}
	}
}

func TestQueryRoundTrip(t *testing.T)        { rapid.Check(t, propQueryRoundTrip) }
func TestJSONRoundTrip(t *testing.T)         { rapid.Check(t, propJSONRoundTrip) }
func TestRESTRoundTrip(t *testing.T)         { rapid.Check(t, propRESTRoundTrip) }
func TestJSONResponseRoundTrip(t *testing.T) { rapid.Check(t, propJSONResponseRoundTrip) }
func TestXMLResponseRoundTrip(t *testing.T)  { rapid.Check(t, propXMLResponseRoundTrip) }
func TestErrorEnvelope(t *testing.T)         { rapid.Check(t, propErrorEnvelope) }

func FuzzQueryRoundTrip(f *testing.F)        { f.Fuzz(rapid.MakeFuzz(propQueryRoundTrip)) }
func FuzzJSONRoundTrip(f *testing.F)         { f.Fuzz(rapid.MakeFuzz(propJSONRoundTrip)) }
func FuzzRESTRoundTrip(f *testing.F)         { f.Fuzz(rapid.MakeFuzz(propRESTRoundTrip)) }
func FuzzJSONResponseRoundTrip(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propJSONResponseRoundTrip)) }
func FuzzXMLResponseRoundTrip(f *testing.F)  { f.Fuzz(rapid.MakeFuzz(propXMLResponseRoundTrip)) }
func FuzzErrorEnvelope(f *testing.F)         { f.Fuzz(rapid.MakeFuzz(propErrorEnvelope)) }
