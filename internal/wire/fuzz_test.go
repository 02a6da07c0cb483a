package wire_test

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// maxFuzzBody bounds the work of one fuzz input; the front end caps bodies
// far below what a decoder could not handle in linear time.
const maxFuzzBody = 1 << 16

// seedRequests adds the golden and invalid requests of a protocol to a corpus.
func seedRequests(f *testing.F, proto wire.Protocol, add func(r *http.Request, body []byte)) {
	f.Helper()
	paths, _ := filepath.Glob("testdata/golden/*/request.http")
	more, _ := filepath.Glob("testdata/invalid/*.http")
	for _, p := range append(paths, more...) {
		if strings.HasSuffix(p, ".response.http") {
			continue
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		r, body := parseRequest(f, raw)
		svc, err := registry(f).ServiceForRequest(r, body)
		if err != nil || svc.Protocol != proto {
			continue
		}
		add(r, body)
	}
}

// checkDecodeResult states what every decode must satisfy: an error is a
// *wire.Error with a code and a 4xx status that renders without trouble; a
// success has an operation and a document; and a document that decoded
// cleanly decodes to itself again once serialized the way botocore would.
func checkDecodeResult(t *testing.T, svc *wire.Service, op *wire.Operation, in map[string]any, err error,
	again func(op *wire.Operation, in map[string]any) (*wire.Operation, map[string]any, error)) {
	t.Helper()
	if err != nil {
		var apiErr *wire.Error
		if !errors.As(err, &apiErr) {
			t.Fatalf("error %T %v, want *wire.Error", err, err)
		}
		if apiErr.Code == "" || apiErr.Status < 400 || apiErr.Status > 499 {
			t.Fatalf("bad error %+v", apiErr)
		}
		w := httptest.NewRecorder()
		svc.EncodeError(w, apiErr, "rid")
		if w.Code != apiErr.Status {
			t.Fatalf("rendered status %d, want %d", w.Code, apiErr.Status)
		}
		return
	}
	if op == nil || in == nil {
		t.Fatalf("success without operation or input: %v %v", op, in)
	}
	op2, in2, err := again(op, in)
	if err != nil {
		t.Fatalf("re-decoding %s failed: %v", op.Name, err)
	}
	if op2.Name != op.Name {
		t.Fatalf("re-decoded as %s, want %s", op2.Name, op.Name)
	}
	if diff := cmp.Diff(in, in2, cmpopts.EquateNaNs()); diff != "" {
		t.Fatalf("re-decoded input differs (-first +second):\n%s", diff)
	}
}

func FuzzDecodeQuery(f *testing.F) {
	seedRequests(f, wire.ProtocolQuery, func(r *http.Request, body []byte) {
		f.Add(r.URL.RawQuery, string(body))
	})
	f.Add("Action=ListUsers&Version=2010-05-08", "")
	f.Add("", "Action=SetSecurityTokenServicePreferences&Version=2010-05-08&GlobalEndpointTokenVersion=v2Token")
	f.Add("", "Action=TagUser&Version=2010-05-08&UserName=a&Tags=")
	iam, sts := service(f, "iam"), service(f, "sts")
	f.Fuzz(func(t *testing.T, rawQuery, body string) {
		if len(body)+len(rawQuery) > maxFuzzBody {
			return
		}
		for _, svc := range []*wire.Service{iam, sts} {
			r := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/", RawQuery: rawQuery}, Header: http.Header{}}
			op, in, err := svc.Decode(r, []byte(body))
			checkDecodeResult(t, svc, op, in, err, func(op *wire.Operation, in map[string]any) (*wire.Operation, map[string]any, error) {
				b := []byte(serializeQuery(svc, op, in).Encode())
				return svc.Decode(httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(b)), b)
			})
		}
	})
}

func FuzzDecodeJSON(f *testing.F) {
	seedRequests(f, wire.ProtocolJSON, func(r *http.Request, body []byte) {
		f.Add(r.Header.Get("X-Amz-Target"), body)
	})
	f.Add("AWSOrganizationsV20161128.ListAccounts", []byte(`{"MaxResults":20,"NextToken":null}`))
	f.Add("InspectorService.ListFindings", []byte(`{"filter":{"creationTimeRange":{"beginDate":1.5e9}}}`))
	orgs, insp := service(f, "organizations"), service(f, "inspector")
	f.Fuzz(func(t *testing.T, target string, body []byte) {
		if len(body) > maxFuzzBody {
			return
		}
		for _, svc := range []*wire.Service{orgs, insp} {
			r := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/"}, Header: http.Header{}}
			r.Header.Set("X-Amz-Target", target)
			op, in, err := svc.Decode(r, body)
			checkDecodeResult(t, svc, op, in, err, func(op *wire.Operation, in map[string]any) (*wire.Operation, map[string]any, error) {
				r, b := jsonRequest(svc, op, in)
				return svc.Decode(r, b)
			})
		}
	})
}

func FuzzDecodeRESTJSON(f *testing.F) {
	seedRequests(f, wire.ProtocolRESTJSON, func(r *http.Request, body []byte) {
		f.Add(r.Method, r.URL.EscapedPath(), r.URL.RawQuery, body)
	})
	f.Add("GET", "/tags/arn%3Aaws%3Ainspector2%3A%3A1%3Afilter%2Fx", "", []byte(nil))
	f.Add("POST", "/aggregation/list", "", []byte(`{"aggregationType":"ACCOUNT","aggregationRequest":{"accountAggregation":{}}}`))
	svc := service(f, "inspector2")
	f.Fuzz(func(t *testing.T, method, path, rawQuery string, body []byte) {
		if len(body)+len(path)+len(rawQuery) > maxFuzzBody {
			return
		}
		u, err := url.ParseRequestURI(path)
		if err != nil {
			return
		}
		u.RawQuery = rawQuery
		r := &http.Request{Method: method, URL: u, Header: http.Header{}}
		op, in, err := svc.Decode(r, body)
		checkDecodeResult(t, svc, op, in, err, func(op *wire.Operation, in map[string]any) (*wire.Operation, map[string]any, error) {
			r, b := restRequest(op, in)
			return svc.Decode(r, b)
		})
	})
}
