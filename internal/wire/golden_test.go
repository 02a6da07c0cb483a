package wire_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

var (
	regOnce sync.Once
	regVal  *wire.Registry
	regErr  error
)

// fataler is what testing.TB and *rapid.T have in common.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// registry loads the embedded models once per test binary.
func registry(tb fataler) *wire.Registry {
	tb.Helper()
	regOnce.Do(func() { regVal, regErr = wire.LoadAll() })
	if regErr != nil {
		tb.Fatal(regErr)
	}
	return regVal
}

func service(tb fataler, name string) *wire.Service {
	tb.Helper()
	s, ok := registry(tb).Service(name)
	if !ok {
		tb.Fatalf("no service %q", name)
	}
	return s
}

// readRequest parses a raw HTTP/1.1 request file.
func readRequest(tb testing.TB, path string) (*http.Request, []byte) {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return parseRequest(tb, raw)
}

func parseRequest(tb testing.TB, raw []byte) (*http.Request, []byte) {
	tb.Helper()
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		tb.Fatal(err)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return req, body
}

// dumpResponse renders a recorded response as the golden text: status line,
// headers sorted case-insensitively, a blank line, the body.
func dumpResponse(rec *httptest.ResponseRecorder) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\n", rec.Code, http.StatusText(rec.Code))
	keys := make([]string, 0, len(rec.Header()))
	for k := range rec.Header() {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	for _, k := range keys {
		for _, v := range rec.Header()[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	b.WriteString("\n")
	b.Write(rec.Body.Bytes())
	return b.Bytes()
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// normalize turns a value into its generic JSON form for comparison.
func normalize(tb testing.TB, v any) any {
	tb.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		tb.Fatal(err)
	}
	return out
}

type caseParams struct {
	Service   string         `json:"service"`
	Operation string         `json:"operation"`
	Params    map[string]any `json:"params"`
}

const requestID = "c0ffee00-0000-4000-8000-000000000001"

// TestGoldenRequests decodes requests exactly as botocore sends them
// (testdata/gen_requests.py), checks that routing and decoding give back the
// operation and the parameters botocore was given, then encodes the
// service's output and compares it with the golden response.
func TestGoldenRequests(t *testing.T) {
	dirs, err := filepath.Glob("testdata/golden/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	reg := registry(t)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var want caseParams
			raw, err := os.ReadFile(filepath.Join(dir, "params.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			req, body := readRequest(t, filepath.Join(dir, "request.http"))
			svc, err := reg.ServiceForRequest(req, body)
			if err != nil {
				t.Fatalf("ServiceForRequest: %v", err)
			}
			if svc.Name != want.Service {
				t.Fatalf("routed to %s, want %s", svc.Name, want.Service)
			}
			op, input, err := svc.Decode(req, body)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if op.Name != want.Operation {
				t.Fatalf("operation %s, want %s", op.Name, want.Operation)
			}
			if diff := cmp.Diff(normalize(t, want.Params), normalize(t, input)); diff != "" {
				t.Errorf("decoded input mismatch (-botocore params +decoded):\n%s", diff)
			}

			var output any
			if raw, err := os.ReadFile(filepath.Join(dir, "output.json")); err == nil {
				output = json.RawMessage(raw)
			}
			rec := httptest.NewRecorder()
			if err := svc.EncodeResponse(rec, op, output, requestID); err != nil {
				t.Fatalf("EncodeResponse: %v", err)
			}
			golden(t, filepath.Join(dir, "response.http"), dumpResponse(rec))
		})
	}
}

type errorSpec struct {
	Service   string         `json:"service"`
	Operation string         `json:"operation"`
	Code      string         `json:"code"`
	Message   string         `json:"message"`
	Status    int            `json:"status"`
	Fields    map[string]any `json:"fields"`
}

func (e *errorSpec) ErrorCode() string           { return e.Code }
func (e *errorSpec) ErrorMessage() string        { return e.Message }
func (e *errorSpec) HTTPStatusCode() int         { return e.Status }
func (e *errorSpec) ErrorFields() map[string]any { return e.Fields }

// TestGoldenErrors encodes service errors (testdata/errors/*.json) in each
// protocol and compares them with the golden responses.
func TestGoldenErrors(t *testing.T) {
	specs, err := filepath.Glob("testdata/errors/*.json")
	if err != nil || len(specs) == 0 {
		t.Fatalf("no error cases: %v", err)
	}
	for _, path := range specs {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".json"), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var spec errorSpec
			if err := json.Unmarshal(raw, &spec); err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			service(t, spec.Service).EncodeError(rec, &spec, requestID)
			golden(t, strings.TrimSuffix(path, ".json")+".http", dumpResponse(rec))
		})
	}
}

type invalidSpec struct {
	Service string `json:"service"`
	Code    string `json:"code"`
}

// TestGoldenInvalid decodes malformed and invalid requests and compares the
// rendered protocol or validation error with the golden response.
func TestGoldenInvalid(t *testing.T) {
	reqs, err := filepath.Glob("testdata/invalid/*.http")
	if err != nil || len(reqs) == 0 {
		t.Fatalf("no invalid cases: %v", err)
	}
	reg := registry(t)
	for _, path := range reqs {
		if strings.HasSuffix(path, ".response.http") {
			continue
		}
		base := strings.TrimSuffix(path, ".http")
		t.Run(filepath.Base(base), func(t *testing.T) {
			raw, err := os.ReadFile(base + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var spec invalidSpec
			if err := json.Unmarshal(raw, &spec); err != nil {
				t.Fatal(err)
			}
			req, body := readRequest(t, path)
			svc, err := reg.ServiceForRequest(req, body)
			if err != nil {
				t.Fatalf("ServiceForRequest: %v", err)
			}
			if svc.Name != spec.Service {
				t.Fatalf("routed to %s, want %s", svc.Name, spec.Service)
			}
			_, _, err = svc.Decode(req, body)
			apiErr, ok := err.(*wire.Error)
			if !ok {
				t.Fatalf("Decode error = %#v, want a *wire.Error", err)
			}
			if apiErr.Code != spec.Code {
				t.Errorf("code %s, want %s (%s)", apiErr.Code, spec.Code, apiErr.Message)
			}
			rec := httptest.NewRecorder()
			svc.EncodeError(rec, apiErr, requestID)
			golden(t, base+".response.http", dumpResponse(rec))
		})
	}
}
