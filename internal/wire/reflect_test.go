package wire_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func drawTime(t *rapid.T, label string) time.Time {
	return time.Unix(rapid.Int64Range(0, 4_000_000_000).Draw(t, label), int64(rapid.IntRange(0, 999).Draw(t, label+" ms"))*int64(time.Millisecond)).UTC()
}

func drawFinding(t *rapid.T) finding {
	f := sampleFinding(rapid.IntRange(0, 99).Draw(t, "i"))
	f.Description = rapid.String().Draw(t, "description")
	f.Title = rapid.StringN(0, 5, -1).Draw(t, "title")
	f.Severity = Severity(rapid.SampledFrom([]string{"LOW", "HIGH", ""}).Draw(t, "severity"))
	f.FirstObservedAt = drawTime(t, "first")
	f.LastObservedAt = drawTime(t, "last")
	if rapid.Bool().Draw(t, "no updated") {
		f.UpdatedAt = nil
	}
	if rapid.Bool().Draw(t, "no score") {
		f.InspectorScore = nil
	} else {
		s := rapid.Float64Range(0, 10).Draw(t, "score")
		f.InspectorScore = &s
	}
	f.FixAvailable = upperString(rapid.StringN(0, 4, -1).Draw(t, "fix"))
	if rapid.Bool().Draw(t, "no details") {
		f.Resources[0].Details = nil
	} else if rapid.Bool().Draw(t, "zero launch") {
		f.Resources[0].Details.AwsEc2Instance.LaunchedAt = time.Time{}
	}
	f.Resources[0].Tags = rapid.MapOfN(rapid.StringN(0, 6, -1), rapid.StringN(0, 6, -1), 0, 3).Draw(t, "tags")
	if rapid.Bool().Draw(t, "no resources") {
		f.Resources = nil
	}
	if rapid.Bool().Draw(t, "no epss") {
		f.Epss = nil
	}
	return f
}

// Encoding a Go value writes the same bytes as encoding its encoding/json
// form: the reflection walk sees what json.Marshal sees (tags, omitempty,
// omitzero, embedded structs, pointers, MarshalJSON, unexported fields).
func propStructEqualsJSON(t *rapid.T) {
	svc := service(t, "inspector2")
	op, _ := svc.Operation("ListFindings")
	out := listFindingsOutput{NextToken: rapid.StringN(0, 6, -1).Draw(t, "next")}
	for range rapid.IntRange(0, 3).Draw(t, "n") {
		out.Findings = append(out.Findings, drawFinding(t))
	}
	raw, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	direct, viaJSON := httptest.NewRecorder(), httptest.NewRecorder()
	if err := svc.EncodeResponse(direct, op, &out, "rid"); err != nil {
		t.Fatalf("struct: %v", err)
	}
	if err := svc.EncodeResponse(viaJSON, op, json.RawMessage(raw), "rid"); err != nil {
		t.Fatalf("json form: %v", err)
	}
	if !bytes.Equal(direct.Body.Bytes(), viaJSON.Body.Bytes()) {
		t.Fatalf("struct and json form differ:\n%s", cmp.Diff(viaJSON.Body.String(), direct.Body.String()))
	}
}

func TestStructEqualsJSON(t *testing.T) { rapid.Check(t, propStructEqualsJSON) }
func FuzzStructEqualsJSON(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propStructEqualsJSON)) }

// Outputs that do not fit the shape are refused with the path of the
// offending member, and nothing is written.
func TestEncodeResponseRejectsMisfits(t *testing.T) {
	svc := service(t, "inspector2")
	op, _ := svc.Operation("ListFindings")
	tests := []struct {
		name   string
		output any
		want   string
	}{
		{"scalar output", 42, "want a struct or map"},
		{"string for a list", map[string]any{"findings": "x"}, "findings: want a list"},
		{"number for a string", map[string]any{"findings": []any{map[string]any{"title": 7}}}, "findings.0.title: want a string"},
		{"fraction for an integer", map[string]any{"findings": []any{map[string]any{
			"packageVulnerabilityDetails": map[string]any{"vulnerablePackages": []any{map[string]any{"epoch": 1.5}}}}}},
			"findings.0.packageVulnerabilityDetails.vulnerablePackages.0.epoch: want an integer"},
		{"bad timestamp", map[string]any{"findings": []any{map[string]any{"updatedAt": "yesterday"}}}, "findings.0.updatedAt: bad timestamp"},
		{"unmarshalable", map[string]any{"findings": []any{map[string]any{"title": upperFail("x")}}}, "findings.0.title: json: error calling MarshalJSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			err := svc.EncodeResponse(w, op, tt.output, "rid")
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tt.want)) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
			if w.Body.Len() != 0 || w.Code != 200 || len(w.Header()) != 0 {
				t.Fatalf("something was written: %d %v %q", w.Code, w.Header(), w.Body.String())
			}
		})
	}
}

type upperFail string

func (upperFail) MarshalJSON() ([]byte, error) { return nil, errFail }

var errFail = errors.New("marshal failed")
