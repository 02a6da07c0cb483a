package wire_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// discard is a minimal http.ResponseWriter that keeps nothing.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

func (d *discard) reset() {
	for k := range d.h {
		delete(d.h, k)
	}
}

// BenchmarkQueryGetCallerIdentity decodes an sts GetCallerIdentity request
// and encodes its XML response: the smallest round trip of the query protocol.
func BenchmarkQueryGetCallerIdentity(b *testing.B) {
	svc := service(b, "sts")
	body := []byte("Action=GetCallerIdentity&Version=2011-06-15")
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	out := struct {
		UserID  string `json:"UserId"`
		Account string `json:"Account"`
		Arn     string `json:"Arn"`
	}{"AIDAEXAMPLEALICE00001", "111122223333", "arn:aws:iam::111122223333:user/engineering/alice"}
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		op, _, err := svc.Decode(r, body)
		if err != nil {
			b.Fatal(err)
		}
		w.reset()
		if err := svc.EncodeResponse(w, op, out, requestID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRESTListFindings100 decodes the golden inspector2 ListFindings
// request (nested filterCriteria) and encodes a response of 100 findings
// held in typed structs, as the inspector package returns them.
func BenchmarkRESTListFindings100(b *testing.B) {
	svc := service(b, "inspector2")
	req, body := readRequest(b, "testdata/golden/inspector2-list-findings/request.http")
	out := listFindingsOutput{NextToken: "page-2"}
	for i := range 100 {
		out.Findings = append(out.Findings, sampleFinding(i))
	}
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		op, _, err := svc.Decode(req, body)
		if err != nil {
			b.Fatal(err)
		}
		w.reset()
		if err := svc.EncodeResponse(w, op, &out, requestID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode isolates the decoders on the golden requests.
func BenchmarkDecode(b *testing.B) {
	for _, name := range []string{"iam-create-user", "sts-assume-role", "organizations-register-delegated-administrator", "inspector2-list-findings"} {
		b.Run(name, func(b *testing.B) {
			req, body := readRequest(b, "testdata/golden/"+name+"/request.http")
			svc, err := registry(b).ServiceForRequest(req, body)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := svc.Decode(req, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncodeError renders a modelled error with a field.
func BenchmarkEncodeError(b *testing.B) {
	svc := service(b, "organizations")
	e := &wire.Error{Code: "ConstraintViolationException", Message: strings.Repeat("x", 80),
		Fields: map[string]any{"Reason": "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"}}
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		svc.EncodeError(w, e, requestID)
	}
}

// BenchmarkLoad parses one embedded model (iam, the largest).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := wire.Load("iam"); err != nil {
			b.Fatal(err)
		}
	}
}
