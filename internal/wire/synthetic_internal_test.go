package wire

// White-box: the five embedded models have no query-protocol maps or
// flattened lists in their inputs, so a small synthetic model exercises
// those paths of the decoder and encoder.

import (
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const syntheticModel = `{
  "metadata": {"apiVersion": "2020-01-01", "protocol": "query", "endpointPrefix": "synth",
               "xmlNamespace": "https://synth.amazonaws.com/doc/2020-01-01/"},
  "operations": {
    "Put": {"name": "Put", "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "PutInput"}, "output": {"shape": "PutOutput", "resultWrapper": "PutResult"}}
  },
  "shapes": {
    "PutInput": {"type": "structure", "members": {
      "Attributes": {"shape": "AttrMap"},
      "Flat": {"shape": "FlatList"},
      "Named": {"shape": "NamedList", "locationName": "Renamed"},
      "When": {"shape": "Stamp"},
      "Data": {"shape": "Bytes"},
      "Ratio": {"shape": "Ratio"}
    }},
    "PutOutput": {"type": "structure", "members": {
      "Attributes": {"shape": "AttrMap"},
      "Flat": {"shape": "FlatList"},
      "Named": {"shape": "NamedList"},
      "Data": {"shape": "Bytes"},
      "When": {"shape": "Stamp"},
      "Ratio": {"shape": "Ratio"}
    }},
    "AttrMap": {"type": "map", "key": {"shape": "Str", "locationName": "Name"}, "value": {"shape": "Str", "locationName": "Val"}},
    "FlatList": {"type": "list", "member": {"shape": "Str"}, "flattened": true},
    "NamedList": {"type": "list", "member": {"shape": "Str", "locationName": "item"}},
    "Stamp": {"type": "timestamp"},
    "Bytes": {"type": "blob"},
    "Ratio": {"type": "double"},
    "Str": {"type": "string"}
  }
}`

func TestSyntheticQueryModel(t *testing.T) {
	svc, err := parseModel("synth", []byte(syntheticModel))
	if err != nil {
		t.Fatal(err)
	}
	body := "Action=Put&Version=2020-01-01" +
		"&Attributes.entry.1.Name=color&Attributes.entry.1.Val=blue" +
		"&Attributes.entry.2.Name=size&Attributes.entry.2.Val=L" +
		"&Flat.1=a&Flat.2=b&Renamed.item.1=x" +
		"&When=2026-11-23T12%3A00%3A00.123456Z&Data=aGk%3D&Ratio=NaN"
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	op, in, err := svc.Decode(r, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if ratio, _ := in["Ratio"].(float64); !math.IsNaN(ratio) {
		t.Fatalf("Ratio = %v, want NaN", in["Ratio"])
	}
	delete(in, "Ratio")
	want := map[string]any{
		"Attributes": map[string]any{"color": "blue", "size": "L"},
		"Flat":       []any{"a", "b"},
		"Named":      []any{"x"},
		"When":       time.Date(2026, 11, 23, 12, 0, 0, 123_000_000, time.UTC),
		"Data":       []byte("hi"),
	}
	if diff := cmp.Diff(want, in); diff != "" {
		t.Fatalf("decoded (-want +got):\n%s", diff)
	}

	w := httptest.NewRecorder()
	out := map[string]any{
		"Attributes": map[string]string{"size": "L", "color": "blue & green"},
		"Flat":       []string{"a", "b"},
		"Named":      []string{},
		"Data":       []byte("hi"),
		"When":       time.Date(2026, 11, 23, 12, 0, 0, 123_000_000, time.UTC),
		"Ratio":      -1e21,
	}
	if err := svc.EncodeResponse(w, op, out, "rid"); err != nil {
		t.Fatal(err)
	}
	wantXML := `<PutResponse xmlns="https://synth.amazonaws.com/doc/2020-01-01/">
  <PutResult>
    <Attributes>
      <entry>
        <Name>color</Name>
        <Val>blue &amp; green</Val>
      </entry>
      <entry>
        <Name>size</Name>
        <Val>L</Val>
      </entry>
    </Attributes>
    <Flat>a</Flat>
    <Flat>b</Flat>
    <Named/>
    <Data>aGk=</Data>
    <When>2026-11-23T12:00:00.123Z</When>
    <Ratio>-1e+21</Ratio>
  </PutResult>
  <ResponseMetadata>
    <RequestId>rid</RequestId>
  </ResponseMetadata>
</PutResponse>
`
	if diff := cmp.Diff(wantXML, w.Body.String()); diff != "" {
		t.Fatalf("XML (-want +got):\n%s", diff)
	}
	// A map entry without its key is malformed.
	bad := "Action=Put&Version=2020-01-01&Attributes.entry.1.Val=blue"
	if _, _, err := svc.Decode(httptest.NewRequest(http.MethodPost, "/", nil), []byte(bad)); err == nil ||
		err.(*Error).Code != "MalformedQueryString" {
		t.Fatalf("map entry without key: %v", err)
	}
}

func TestCompilePattern(t *testing.T) {
	tests := []struct {
		pattern   string
		match     []string
		noMatch   []string
		notPrefix string
		skipped   bool
	}{
		{pattern: `[\w+=,.@-]+`, match: []string{"alice", "a.b@c"}, noMatch: []string{"bad name", ""}},
		{pattern: `[\u0009\u000A\u000D\u0020-\u00FF]+`, match: []string{"tab\there", "é"}, noMatch: []string{"\x01", "€"}},
		{pattern: `(?!aws:)[a-zA-Z+-=._:/]+`, match: []string{"team"}, notPrefix: "aws:"},
		{pattern: `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`, match: []string{"my-alias", "my--alias"}, noMatch: []string{"-a", "A1"}},
		{pattern: `https://[-a-zA-Z0-9()@:%_+.~#?&//=]{1,1024}`, match: []string{"https://x.example/" + strings.Repeat("a", 1100)}},
		{pattern: `(a`, skipped: true},
	}
	for _, tt := range tests {
		re, notPrefix := compilePattern(tt.pattern)
		if tt.skipped {
			if re != nil {
				t.Errorf("%s: compiled, want skipped", tt.pattern)
			}
			continue
		}
		if re == nil {
			t.Fatalf("%s: not compiled", tt.pattern)
		}
		if notPrefix != tt.notPrefix {
			t.Errorf("%s: forbidden prefix %q, want %q", tt.pattern, notPrefix, tt.notPrefix)
		}
		for _, s := range tt.match {
			if !re.MatchString(s) {
				t.Errorf("%s should match %q", tt.pattern, s)
			}
		}
		for _, s := range tt.noMatch {
			if re.MatchString(s) {
				t.Errorf("%s should not match %q", tt.pattern, s)
			}
		}
	}
}

// Every pattern of the embedded models compiles.
func TestModelPatternsCompile(t *testing.T) {
	for _, name := range Names() {
		svc, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range svc.shapes {
			if sh.Pattern != "" && sh.re == nil {
				t.Errorf("%s %s: pattern %q not compiled", name, sh.Name, sh.Pattern)
			}
		}
	}
}
