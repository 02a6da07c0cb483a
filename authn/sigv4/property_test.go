package sigv4_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// A generated request: everything Sign and Verify look at.
type genReq struct {
	method  string
	path    string // decoded path (url.URL.Path)
	query   string // raw query
	headers [][2]string
	body    []byte
	creds   sigv4.Credentials
	service string
	region  string
	opts    sigv4.Options
	t       time.Time
}

func (g genReq) String() string {
	return fmt.Sprintf("%s %q ?%q headers=%q body=%q service=%s region=%s opts=%+v t=%s token=%v",
		g.method, g.path, g.query, g.headers, g.body, g.service, g.region, g.opts, g.t.Format(time.RFC3339), g.creds.SessionToken != "")
}

var (
	segAlphabet   = []rune("abcXYZ019-._~ !$&'()*+,;=:@%üሴ€")
	queryTokens   = []string{"a", "B", "z9", "-", ".", "_", "~", "+", ";", "!", "$", "'", "(", ")", "*", ",", ":", "@", "/", "?", "%20", "%2B", "%3D", "%26", "%E2%82%AC", "%7e", "%", "%zz", "="}
	headerNames   = []string{"X-Amz-Meta-Color", "X-Amz-Meta-Size", "My-Header", "Content-Type", "X-Custom-Thing", "Accept", "If-Match"}
	valueTokens   = []string{"a", "b", "xyz", "1", " ", "  ", "\t", "\"q  q\"", ",", "=", "ü", "/"}
	services      = []string{"s3", "sts", "iam", "dynamodb", "execute-api", "inspector2", "organizations"}
	regions       = []string{"us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"}
	propSecret    = "prop/Secret+Key/ForTests0000000000000000"
	propTempID    = "ASIAPROPERTYTESTKEY1"
	propLongID    = "AKIAPROPERTYTESTKEY1"
	propTokenBase = "IQoJb3JpZ2luX2VjEPROPERTY//////////TOKEN+/="
)

func genPath(t *rapid.T) string {
	n := rapid.IntRange(0, 4).Draw(t, "segments")
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte('/')
		seg := rapid.OneOf(
			rapid.SampledFrom([]string{".", "..", ""}),
			rapid.StringOfN(rapid.SampledFrom(segAlphabet), 1, 6, -1),
		).Draw(t, "segment")
		b.WriteString(seg)
	}
	if n == 0 || rapid.Bool().Draw(t, "trailing slash") {
		b.WriteByte('/')
	}
	return b.String()
}

func genQuery(t *rapid.T) string {
	n := rapid.IntRange(0, 4).Draw(t, "params")
	var parts []string
	names := []string{"a", "A", "x-y", "k+", "Param", "%41"}
	for i := 0; i < n; i++ {
		name := rapid.OneOf(rapid.SampledFrom(names), rapid.Just(strings.Join(rapid.SliceOfN(rapid.SampledFrom(queryTokens[:20]), 1, 3).Draw(t, "name tokens"), ""))).Draw(t, "name")
		if rapid.IntRange(0, 4).Draw(t, "no value") == 0 {
			parts = append(parts, name)
			continue
		}
		value := strings.Join(rapid.SliceOfN(rapid.SampledFrom(queryTokens), 0, 4).Draw(t, "value tokens"), "")
		parts = append(parts, name+"="+value)
	}
	return strings.Join(parts, "&")
}

func genHeaderValue(t *rapid.T, wire bool) string {
	toks := rapid.SliceOfN(rapid.SampledFrom(valueTokens), 1, 5).Draw(t, "value tokens")
	v := strings.Join(toks, "")
	if !wire && rapid.IntRange(0, 5).Draw(t, "fold") == 0 {
		v += "\r\n  folded"
	}
	if strings.TrimSpace(v) == "" {
		v += "v"
	}
	return v
}

// genRequest draws a request. wire restricts it to what survives
// http.Request.Write and http.ReadRequest.
func genRequest(t *rapid.T, wire bool) genReq {
	g := genReq{
		method:  rapid.SampledFrom([]string{"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"}).Draw(t, "method"),
		path:    genPath(t),
		query:   genQuery(t),
		service: rapid.SampledFrom(services).Draw(t, "service"),
		region:  rapid.SampledFrom(regions).Draw(t, "region"),
		t:       time.Unix(rapid.Int64Range(1577836800, 1893455999).Draw(t, "time"), 0).UTC(),
	}
	for i, n := 0, rapid.IntRange(0, 4).Draw(t, "headers"); i < n; i++ {
		g.headers = append(g.headers, [2]string{rapid.SampledFrom(headerNames).Draw(t, "header"), genHeaderValue(t, wire)})
	}
	if g.method == "POST" || g.method == "PUT" || g.method == "PATCH" {
		g.body = rapid.SliceOfN(rapid.Byte(), 0, 64).Draw(t, "body")
	}
	g.creds = sigv4.Credentials{AccessKeyID: propLongID, SecretAccessKey: propSecret}
	if rapid.Bool().Draw(t, "temporary") {
		g.creds = sigv4.Credentials{AccessKeyID: propTempID, SecretAccessKey: propSecret,
			SessionToken: propTokenBase + rapid.StringMatching(`[A-Za-z0-9+/]{0,40}`).Draw(t, "token")}
	}
	g.opts = sigv4.Options{
		S3:                  g.service == "s3",
		UnsignedPayload:     rapid.IntRange(0, 4).Draw(t, "unsigned") == 0,
		ContentSHA256Header: rapid.Bool().Draw(t, "content sha header"),
		OmitSessionToken:    rapid.IntRange(0, 4).Draw(t, "omit token") == 0,
	}
	return g
}

func (g genReq) build(t *rapid.T) *http.Request {
	u := &url.URL{Scheme: "https", Host: "svc.example.amazonaws.com", Path: g.path, RawQuery: g.query}
	var body io.Reader
	if len(g.body) > 0 {
		body = bytes.NewReader(g.body)
	}
	r, err := http.NewRequest(g.method, u.String(), body)
	if err != nil {
		t.Fatalf("NewRequest: %v", err)
	}
	r.URL = u // keep the generated path and raw query exactly
	for _, h := range g.headers {
		r.Header.Add(h[0], h[1])
	}
	return r
}

func (g genReq) keys() mapKeys {
	return mapKeys{
		propLongID: {AccessKeyID: propLongID, SecretAccessKey: propSecret, Active: true},
		propTempID: {AccessKeyID: propTempID, SecretAccessKey: propSecret, SessionToken: g.creds.SessionToken, Active: true,
			Expiration: g.t.Add(12 * time.Hour)},
	}
}

func signGen(t *rapid.T, g genReq) *http.Request {
	r := g.build(t)
	var s sigv4.Signer
	if err := s.Sign(r, g.creds, "", g.service, g.region, g.t, &g.opts); err != nil {
		t.Fatalf("Sign(%v): %v", g, err)
	}
	return r
}

// skewWithin draws a verification time within 4 minutes of t (inside
// every service's window).
func skewWithin(t *rapid.T, at time.Time) time.Time {
	return at.Add(time.Duration(rapid.IntRange(-240, 240).Draw(t, "skew seconds")) * time.Second)
}

// verify(sign(r)) succeeds, on the request as built and after a trip over
// the wire (http.Request.Write, then http.ReadRequest as a server reads it).
func checkSignVerify(t *rapid.T) {
	wire := rapid.Bool().Draw(t, "over the wire")
	g := genRequest(t, wire)
	r := signGen(t, g)
	v := &sigv4.Verifier{Keys: g.keys(), Regions: []string{g.region}, Services: []string{g.service}}
	now := skewWithin(t, g.t)
	if !wire {
		res, err := v.Verify(r, g.body, now)
		if err != nil {
			cr, _ := sigv4.CanonicalRequest(r, nil, "", &g.opts)
			t.Fatalf("Verify(Sign(%v)): %v\nour canonical request:\n%s", g, err, cr)
		}
		if res.AccessKeyID != g.creds.AccessKeyID || res.Service != g.service || res.Region != g.region || !res.Date.Equal(g.t) {
			t.Fatalf("Result = %+v for %v", res, g)
		}
		return
	}
	var buf bytes.Buffer
	if err := r.Write(&buf); err != nil {
		t.Fatalf("Write: %v", err)
	}
	sr, err := http.ReadRequest(bufio.NewReader(&buf))
	if err != nil {
		t.Fatalf("ReadRequest: %v\n%s", err, buf.String())
	}
	body, err := io.ReadAll(sr.Body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(sr, body, now); err != nil {
		var e *sigv4.Error
		errors.As(err, &e)
		t.Fatalf("Verify over the wire (%v): %v\nwire:\n%s\nverifier's canonical request:\n%s", g, err, buf.String(), e.CanonicalRequest)
	}
}

func TestPropertySignVerify(t *testing.T) { rapid.Check(t, checkSignVerify) }

func FuzzPropertySignVerify(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkSignVerify)) }

// Changing any signed part of a signed request makes Verify fail with
// ErrSignatureDoesNotMatch (or one of its specific forms).
func checkTamper(t *rapid.T) {
	g := genRequest(t, false)
	g.t = g.t.Truncate(24 * time.Hour).Add(12 * time.Hour) // far from midnight
	r := signGen(t, g)
	body := g.body
	keys := g.keys()
	what := rapid.SampledFrom([]string{"header", "path", "query", "body", "date", "region", "service", "secret", "method"}).Draw(t, "change")
	switch what {
	case "header":
		if len(g.headers) == 0 {
			t.Skip("no header to change")
		}
		h := g.headers[rapid.IntRange(0, len(g.headers)-1).Draw(t, "which header")][0]
		vals := r.Header.Values(h)
		vals[len(vals)-1] += "x"
	case "path":
		r.URL.Path += "x"
	case "query":
		if r.URL.RawQuery != "" {
			r.URL.RawQuery += "&"
		}
		r.URL.RawQuery += "zz=1"
	case "body":
		if len(body) == 0 || g.opts.UnsignedPayload {
			body = append(bytes.Clone(body), 'x')
			if g.opts.UnsignedPayload {
				// The body is not signed: changing it is allowed.
				t.Skip("unsigned payload")
			}
		} else {
			body = bytes.Clone(body)
			body[rapid.IntRange(0, len(body)-1).Draw(t, "byte")] ^= 1
		}
	case "date":
		d, _ := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
		r.Header.Set("X-Amz-Date", d.Add(time.Second).Format("20060102T150405Z"))
	case "region", "service":
		old := "/" + g.region + "/" + g.service + "/"
		nw := "/" + g.region + "x/" + g.service + "/"
		if what == "service" {
			nw = "/" + g.region + "/" + g.service + "x/"
		}
		r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), old, nw, 1))
	case "secret":
		k := keys[g.creds.AccessKeyID]
		k.SecretAccessKey += "x"
		keys[g.creds.AccessKeyID] = k
	case "method":
		if r.Method == "PATCH" {
			r.Method = "POST"
		} else {
			r.Method = "PATCH"
		}
	}
	v := &sigv4.Verifier{Keys: keys}
	_, err := v.Verify(r, body, skewWithin(t, g.t))
	if !errors.Is(err, sigv4.ErrSignatureDoesNotMatch) {
		t.Fatalf("after changing the %s of %v: err = %v, want ErrSignatureDoesNotMatch", what, g, err)
	}
}

func TestPropertyTamper(t *testing.T) { rapid.Check(t, checkTamper) }

func FuzzPropertyTamper(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkTamper)) }

// An expired session fails with ErrExpiredToken, an inactive key with
// ErrInvalidAccessKeyID, whatever the request.
func checkKeyState(t *rapid.T) {
	g := genRequest(t, false)
	r := signGen(t, g)
	keys := g.keys()
	k := keys[g.creds.AccessKeyID]
	now := skewWithin(t, g.t)
	var want error
	if g.creds.SessionToken != "" && rapid.Bool().Draw(t, "expire") {
		k.Expiration = now.Add(-time.Duration(rapid.IntRange(0, 3600).Draw(t, "expired for")) * time.Second)
		want = sigv4.ErrExpiredToken
	} else {
		k.Active = false
		want = sigv4.ErrInvalidAccessKeyID
	}
	keys[g.creds.AccessKeyID] = k
	if _, err := (&sigv4.Verifier{Keys: keys}).Verify(r, g.body, now); !errors.Is(err, want) {
		t.Fatalf("%v with key %+v: err = %v, want %v", g, k, err, want)
	}
}

func TestPropertyKeyState(t *testing.T) { rapid.Check(t, checkKeyState) }

func FuzzPropertyKeyState(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkKeyState)) }

// A presigned URL verifies from its date until it expires, and fails with
// ErrPresignExpired after.
func checkPresign(t *rapid.T) {
	g := genRequest(t, true)
	g.creds = sigv4.Credentials{AccessKeyID: propLongID, SecretAccessKey: propSecret}
	if rapid.Bool().Draw(t, "temporary") {
		g.creds = sigv4.Credentials{AccessKeyID: propTempID, SecretAccessKey: propSecret, SessionToken: propTokenBase}
	}
	r := g.build(t)
	expires := time.Duration(rapid.IntRange(1, 604800).Draw(t, "expires")) * time.Second
	var s sigv4.Signer
	u, err := s.Presign(r, g.creds, g.service, g.region, g.t, expires, &g.opts)
	if err != nil {
		t.Fatalf("Presign(%v): %v", g, err)
	}
	pr, err := http.NewRequest(g.method, u, bytes.NewReader(g.body))
	if err != nil {
		t.Fatalf("the presigned URL %q does not parse: %v", u, err)
	}
	for _, h := range g.headers {
		pr.Header.Add(h[0], h[1])
	}
	keys := g.keys()
	if g.creds.SessionToken != "" {
		k := keys[propTempID]
		k.Expiration = g.t.Add(8 * 24 * time.Hour)
		keys[propTempID] = k
	}
	v := &sigv4.Verifier{Keys: keys}
	at := g.t.Add(time.Duration(rapid.Int64Range(0, int64(expires/time.Second)).Draw(t, "used after")) * time.Second)
	res, err := v.Verify(pr, g.body, at)
	if err != nil {
		t.Fatalf("presigned %v used after %s: %v\n%s", g, at.Sub(g.t), err, u)
	}
	if !res.Presigned || res.Expires != expires {
		t.Fatalf("Result = %+v", res)
	}
	late := g.t.Add(expires + time.Duration(rapid.IntRange(1, 86400).Draw(t, "late by"))*time.Second)
	if _, err := v.Verify(pr, g.body, late); !errors.Is(err, sigv4.ErrPresignExpired) {
		t.Fatalf("presigned %v used at %s, after it expired: err = %v", g, late, err)
	}
}

func TestPropertyPresign(t *testing.T) { rapid.Check(t, checkPresign) }

func FuzzPropertyPresign(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkPresign)) }
