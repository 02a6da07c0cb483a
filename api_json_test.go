package awsaccess_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// The golden files of the JSON services are rewritten with
// `go test -run Golden -update`. The flag may be defined by another test
// file of the package too (the query services' goldens); whoever comes
// first defines it, and every golden test reads it through jsonUpdate.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/golden")
	}
}

func jsonUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// jsonEpoch is the clock of the JSON services' worlds.
var jsonEpoch = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

const (
	jwMgmt    = "111111111111"
	jwAdmin   = "222222222222"
	jwMember  = "333333333333"
	jwOutside = "444444444444"
	jwRegion  = "us-east-1"
)

// jsonWorld is a Cloud on a fixed clock and seed, served in-process: each
// call is signed with SigV4 at the world's time and handed to the Handler
// directly, so the request ids, ids and times in the responses are
// reproducible.
type jsonWorld struct {
	t       testing.TB
	cloud   *awsaccess.Cloud
	handler http.Handler
	signer  sigv4.Signer
	reg     *wire.Registry

	mu  sync.Mutex
	now time.Time

	keys map[string]sigv4.Credentials // by account id: the root user's key
	dir  string                       // testdata/golden/<service>
	step int
}

func newJSONWorld(t testing.TB, service string) *jsonWorld {
	t.Helper()
	w := &jsonWorld{t: t, now: jsonEpoch, keys: map[string]sigv4.Credentials{}, dir: filepath.Join("testdata", "golden", service)}
	w.cloud = awsaccess.New(awsaccess.Config{Now: w.clock, Seed: 7, PasswordHashIterations: 1})
	w.handler = w.cloud.Handler()
	reg, err := wire.LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	w.reg = reg
	return w
}

func (w *jsonWorld) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *jsonWorld) advance(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

// account creates a standalone account whose root user has an access key.
func (w *jsonWorld) account(id, name string) {
	w.t.Helper()
	if _, err := w.cloud.CreateAccount(id, name+"@example.com", name); err != nil {
		w.t.Fatal(err)
	}
	w.rootKey(id)
}

// rootKey gives an existing account's root user an access key.
func (w *jsonWorld) rootKey(id string) sigv4.Credentials {
	w.t.Helper()
	acct, err := w.cloud.IAM().Account(id)
	if err != nil {
		w.t.Fatal(err)
	}
	key, err := acct.CreateAccessKey("")
	if err != nil {
		w.t.Fatal(err)
	}
	c := sigv4.Credentials{AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey}
	w.keys[id] = c
	return c
}

// user creates an IAM user with an access key and the given inline policy
// ("" for none).
func (w *jsonWorld) user(account, name, policy string) sigv4.Credentials {
	w.t.Helper()
	acct, err := w.cloud.IAM().Account(account)
	if err != nil {
		w.t.Fatal(err)
	}
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: name}); err != nil {
		w.t.Fatal(err)
	}
	if policy != "" {
		if err := acct.PutUserPolicy(name, "inline", policy); err != nil {
			w.t.Fatal(err)
		}
	}
	key, err := acct.CreateAccessKey(name)
	if err != nil {
		w.t.Fatal(err)
	}
	return sigv4.Credentials{AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey}
}

// principal is the library caller of an access key.
func (w *jsonWorld) principal(creds sigv4.Credentials) *authz.Principal {
	w.t.Helper()
	p, err := w.cloud.Caller(creds.AccessKeyID)
	if err != nil {
		w.t.Fatal(err)
	}
	return p
}

// jsonResult is one response.
type jsonResult struct {
	Status int
	Header http.Header
	Body   []byte
	doc    map[string]any
}

// Code is the error code a client reads: x-amzn-ErrorType, "" on success.
func (r *jsonResult) Code() string { return r.Header.Get("X-Amzn-Errortype") }

// Get walks the decoded body: keys for objects, ints for arrays.
func (r *jsonResult) Get(path ...any) any {
	var v any = r.doc
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// Str is Get as a string.
func (r *jsonResult) Str(path ...any) string {
	s, _ := r.Get(path...).(string)
	return s
}

// request builds the signed HTTP request of an operation.
func (w *jsonWorld) request(service, op string, creds sigv4.Credentials, body string) *http.Request {
	w.t.Helper()
	r, err := w.newRequest(service, op, creds, body)
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// newRequest is request for callers that report failures themselves
// (rapid properties, fuzz targets, benchmarks).
func (w *jsonWorld) newRequest(service, op string, creds sigv4.Credentials, body string) (*http.Request, error) {
	svc, ok := w.reg.Service(service)
	if !ok {
		return nil, fmt.Errorf("no service %s", service)
	}
	o, ok := svc.Operation(op)
	if !ok {
		return nil, fmt.Errorf("%s has no operation %s", service, op)
	}
	host := service + "." + jwRegion + ".amazonaws.com"
	var r *http.Request
	switch svc.Protocol {
	case wire.ProtocolRESTJSON:
		r = httptest.NewRequest(o.HTTPMethod, "https://"+host+o.RequestURI, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	default:
		r = httptest.NewRequest(http.MethodPost, "https://"+host+"/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-amz-json-1.1")
		r.Header.Set("X-Amz-Target", svc.TargetPrefix+"."+op)
	}
	r.Host = host
	if creds.AccessKeyID != "" {
		if err := w.signer.Sign(r, creds, "", service, jwRegion, w.clock(), nil); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// call sends one operation and returns the response.
func (w *jsonWorld) call(service, op string, creds sigv4.Credentials, body string) *jsonResult {
	w.t.Helper()
	rec := httptest.NewRecorder()
	w.handler.ServeHTTP(rec, w.request(service, op, creds, body))
	res := &jsonResult{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if len(res.Body) > 0 {
		if err := json.Unmarshal(res.Body, &res.doc); err != nil {
			w.t.Fatalf("%s %s: response is not a JSON object: %v\n%s", service, op, err, res.Body)
		}
	}
	return res
}

// golden sends one operation, records the exchange under the service's
// golden directory (or compares it with the recording) and returns the
// response. who names the caller in the file.
func (w *jsonWorld) golden(name, who, service, op string, creds sigv4.Credentials, body string) *jsonResult {
	w.t.Helper()
	req := w.request(service, op, creds, body)
	rec := httptest.NewRecorder()
	w.handler.ServeHTTP(rec, req)
	res := &jsonResult{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if len(res.Body) > 0 {
		if err := json.Unmarshal(res.Body, &res.doc); err != nil {
			w.t.Fatalf("%s: response is not a JSON object: %v\n%s", name, err, res.Body)
		}
	}
	w.step++
	file := filepath.Join(w.dir, fmt.Sprintf("%02d-%s.txt", w.step, name))
	got := renderExchange(who, req, body, res)
	if jsonUpdate() {
		if err := os.MkdirAll(w.dir, 0o755); err != nil {
			w.t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			w.t.Fatal(err)
		}
		return res
	}
	want, err := os.ReadFile(file)
	if err != nil {
		w.t.Fatalf("%v (run with -update to record it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		w.t.Errorf("%s differs from the recording (-want +got):\n%s", file, diff)
	}
	return res
}

// renderExchange writes a request and its response as text: the headers
// that carry meaning (the target, the error type, the request id,
// Retry-After; not the signature) and the bodies indented.
func renderExchange(who string, req *http.Request, body string, res *jsonResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# caller: %s\n", who)
	fmt.Fprintf(&b, "%s %s\n", req.Method, req.URL.RequestURI())
	for _, h := range []string{"Content-Type", "X-Amz-Target"} {
		if v := req.Header.Get(h); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", h, v)
		}
	}
	b.WriteString("\n")
	b.WriteString(indentJSON([]byte(body)))
	fmt.Fprintf(&b, "\nHTTP %d\n", res.Status)
	for _, h := range []string{"Content-Type", "X-Amzn-Errortype", "X-Amzn-Requestid", "Retry-After"} {
		if v := res.Header.Get(h); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", h, v)
		}
	}
	b.WriteString("\n")
	b.WriteString(indentJSON(res.Body))
	return b.String()
}

func indentJSON(raw []byte) string {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "\n"
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return string(raw) + "\n"
	}
	out.WriteByte('\n')
	return out.String()
}

// mustStatus fails the test unless the response has the status.
func mustStatus(t *testing.T, what string, res *jsonResult, status int) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("%s: status %d (%s), want %d\n%s", what, res.Status, res.Code(), status, res.Body)
	}
}

// jsonServices are the three JSON services with the Go type that
// implements each and where its operations' inputs sit in the method's
// parameters (after the receiver): org takes (caller, input), inspector
// and classic (caller, region, *input).
var jsonServices = []struct {
	name  string
	impl  reflect.Type
	input int
}{
	{"organizations", reflect.TypeFor[*org.Organization](), 2},
	{"inspector2", reflect.TypeFor[*inspector.Service](), 3},
	{"inspector", reflect.TypeFor[*classic.Service](), 3},
}

// implemented lists the model operations a service type has a method for.
func implemented(svc *wire.Service, impl reflect.Type) []string {
	var out []string
	for _, op := range svc.OperationNames() {
		if _, ok := impl.MethodByName(op); ok {
			out = append(out, op)
		}
	}
	return out
}

// Every operation the services implement is served: an empty input gets
// the operation's own answer (a result or a 4xx error in the service's
// terms), never NotImplemented or an internal failure.
func TestJSONServicesServeEveryImplementedOperation(t *testing.T) {
	w := newJSONWorld(t, "none")
	w.account(jwMgmt, "management")
	creds := w.keys[jwMgmt]
	for _, s := range jsonServices {
		svc, _ := w.reg.Service(s.name)
		ops := implemented(svc, s.impl)
		if len(ops) == 0 {
			t.Fatalf("%s: no operation implemented", s.name)
		}
		for _, op := range ops {
			res := w.call(s.name, op, creds, "{}")
			if res.Status >= 500 || res.Code() == "NotImplemented" {
				t.Errorf("%s %s: %d %s\n%s", s.name, op, res.Status, res.Code(), res.Body)
			}
		}
		t.Logf("%s: %d operations served: %s", s.name, len(ops), strings.Join(ops, ", "))
	}
}

// An operation the model has but the service does not implement answers
// NotImplemented (501) in the service's protocol.
func TestJSONServicesUnimplementedOperation(t *testing.T) {
	w := newJSONWorld(t, "none")
	w.account(jwMgmt, "management")
	for _, c := range []struct{ service, op string }{
		{"organizations", "EnableAllFeatures"},
		{"inspector2", "GetConfiguration"},
	} {
		res := w.call(c.service, c.op, w.keys[jwMgmt], "{}")
		if res.Status != http.StatusNotImplemented || res.Code() != "NotImplemented" {
			t.Errorf("%s %s: %d %s\n%s", c.service, c.op, res.Status, res.Code(), res.Body)
		}
	}
}

// The services' request and response types name their members as the
// models do, recursively, with compatible types: a member the model does
// not have would be dropped by the wire encoder (outputs) or never set by
// Bind (inputs). The model members the types leave out are logged.
func TestJSONServiceTypesMatchModel(t *testing.T) {
	reg, err := wire.LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range jsonServices {
		svc, _ := reg.Service(s.name)
		var unsupported []string
		for _, opName := range implemented(svc, s.impl) {
			op, _ := svc.Operation(opName)
			m, _ := s.impl.MethodByName(opName)
			ft := m.Type
			if ft.NumIn() > s.input && op.Input != nil {
				in := ft.In(s.input)
				if deref(in).Kind() == reflect.Struct {
					c := &shapeCheck{seen: map[[2]any]bool{}}
					c.walk(in, op.Input, opName+" input")
					for _, e := range c.errs {
						t.Errorf("%s: %s", s.name, e)
					}
					unsupported = append(unsupported, c.missing...)
				}
			}
			if ft.NumOut() == 2 && op.Output != nil {
				c := &shapeCheck{seen: map[[2]any]bool{}}
				c.walk(ft.Out(0), op.Output, opName+" output")
				for _, e := range c.errs {
					t.Errorf("%s: %s", s.name, e)
				}
			}
		}
		sort.Strings(unsupported)
		t.Logf("%s: model input members the types do not take: %s", s.name, strings.Join(unsupported, ", "))
	}
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// shapeCheck compares a Go type with a model shape.
type shapeCheck struct {
	seen    map[[2]any]bool
	errs    []string
	missing []string // top-level input members without a field
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
)

func (c *shapeCheck) walk(t reflect.Type, sh *wire.Shape, path string) {
	t = deref(t)
	key := [2]any{t, sh}
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	if t == timeType {
		if sh.Type != wire.TypeTimestamp {
			c.errs = append(c.errs, fmt.Sprintf("%s: time.Time for a %s", path, sh.Type))
		}
		return
	}
	if t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType) {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if sh.Type != wire.TypeStructure {
			c.errs = append(c.errs, fmt.Sprintf("%s: struct %s for a %s", path, t, sh.Type))
			return
		}
		have := map[string]bool{}
		c.fields(t, sh, path, have)
		if strings.HasSuffix(path, " input") {
			for _, m := range sh.Members {
				if !have[m.Name] {
					c.missing = append(c.missing, strings.TrimSuffix(path, " input")+"."+m.Name)
				}
			}
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			if sh.Type != wire.TypeBlob {
				c.errs = append(c.errs, fmt.Sprintf("%s: []byte for a %s", path, sh.Type))
			}
			return
		}
		if sh.Type != wire.TypeList {
			c.errs = append(c.errs, fmt.Sprintf("%s: slice for a %s", path, sh.Type))
			return
		}
		c.walk(t.Elem(), sh.Member.Shape, path+"[]")
	case reflect.Map:
		if sh.Type != wire.TypeMap {
			c.errs = append(c.errs, fmt.Sprintf("%s: map for a %s", path, sh.Type))
			return
		}
		c.walk(t.Elem(), sh.Value.Shape, path+"{}")
	case reflect.String:
		if sh.Type != wire.TypeString && sh.Type != wire.TypeTimestamp {
			c.errs = append(c.errs, fmt.Sprintf("%s: string for a %s", path, sh.Type))
		}
	case reflect.Bool:
		if sh.Type != wire.TypeBoolean {
			c.errs = append(c.errs, fmt.Sprintf("%s: bool for a %s", path, sh.Type))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if sh.Type != wire.TypeInteger && sh.Type != wire.TypeLong && sh.Type != wire.TypeTimestamp {
			c.errs = append(c.errs, fmt.Sprintf("%s: %s for a %s", path, t.Kind(), sh.Type))
		}
	case reflect.Float32, reflect.Float64:
		if sh.Type != wire.TypeFloat && sh.Type != wire.TypeDouble {
			c.errs = append(c.errs, fmt.Sprintf("%s: %s for a %s", path, t.Kind(), sh.Type))
		}
	}
}

// fields checks a struct's fields, those of embedded structs included,
// against a structure shape.
func (c *shapeCheck) fields(t reflect.Type, sh *wire.Shape, path string, have map[string]bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && deref(f.Type).Kind() == reflect.Struct {
			c.fields(deref(f.Type), sh, path, have)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m, ok := sh.MemberByName(name)
		if !ok {
			for _, mm := range sh.Members {
				if mm.LocationName == name {
					m, ok = mm, true
				}
			}
		}
		if !ok {
			c.errs = append(c.errs, fmt.Sprintf("%s: field %s (json %q) is no member of %s", path, f.Name, name, sh.Name))
			continue
		}
		have[m.Name] = true
		c.walk(f.Type, m.Shape, path+"."+name)
	}
}
