package sigv4interop_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// The differential tests generate requests where aws-sdk-go-v2's signer
// follows the SigV4 rules, so that its Authorization must equal ours
// byte for byte. The SDK departs from the rules in ways the generators
// avoid on purpose:
//
//   - it does not normalise paths (no "." or ".." segments, no "//");
//   - it reads the query with url.ParseQuery, so '+' means space, a pair
//     with ';' or a bad %-escape is dropped (no '+', ';' or bad escapes);
//   - it folds only runs of ' ' in header values (no tabs, CR or LF);
//   - it skips fewer headers than we do (no Connection, Upgrade, TE ...);
//   - for S3 it signs URL.EscapedPath as it is, which is the fully encoded
//     path only when RawPath says so (the SDK's S3 client sets it; so do we);
//   - it does not add X-Amz-Content-Sha256 itself (its middleware does): for
//     S3 the header is set before signing, as the S3 client does.
//
// Every request the SDK signs must also verify with our Verifier, directly
// and after a trip over the wire.

const (
	akid   = "AKIAINTEROPEXAMPLE01"
	tempID = "ASIAINTEROPEXAMPLE01"
	secret = "interop/Secret+Key/Example000000000000000"
	token  = "IQoJb3JpZ2luX2VjEINTEROP//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+/TOKEN=="
)

type sdkCase struct {
	method, path, rawPath, query string
	headers                      [][2]string
	body                         []byte
	service, region              string
	temporary                    bool
	t                            time.Time
}

var (
	segChars  = []rune("abcXYZ019-_~ü€ !$&'()*+,;=:@")
	qChars    = []rune("abcXYZ019-_.~€ !$'()*,:@/?=")
	hdrNames  = []string{"X-Amz-Meta-Color", "X-Amz-Meta-Size", "My-Header", "Content-Type", "X-Custom-Thing", "Accept", "If-Match"}
	hdrWords  = []string{"a", "b", "xyz", "1", " ", "  ", "\"q  q\"", ",", "=", "/", "ü"}
	sdkSvcs   = []string{"s3", "sts", "iam", "dynamodb", "execute-api", "inspector2"}
	sdkRegion = []string{"us-east-1", "eu-west-1", "ap-southeast-2"}
)

// fullyEncoded is UriEncode of a decoded path, '/' kept: what the SDK's
// S3 client puts in URL.RawPath.
func fullyEncoded(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

func genSDKCase(t *rapid.T) sdkCase {
	c := sdkCase{
		method:    rapid.SampledFrom([]string{"GET", "POST", "PUT", "DELETE", "PATCH"}).Draw(t, "method"),
		service:   rapid.SampledFrom(sdkSvcs).Draw(t, "service"),
		region:    rapid.SampledFrom(sdkRegion).Draw(t, "region"),
		temporary: rapid.Bool().Draw(t, "temporary"),
		t:         time.Unix(rapid.Int64Range(1577836800, 1893455999).Draw(t, "time"), 0).UTC(),
	}
	segs := rapid.SliceOfN(rapid.StringOfN(rapid.SampledFrom(segChars), 1, 6, -1), 0, 3).Draw(t, "segments")
	for i, s := range segs {
		if s == "." || s == ".." {
			segs[i] = s + "x"
		}
	}
	c.path = "/" + strings.Join(segs, "/")
	if len(segs) > 0 && rapid.Bool().Draw(t, "trailing slash") {
		c.path += "/"
	}
	if c.service == "s3" {
		c.rawPath = fullyEncoded(c.path)
	}
	var pairs []string
	for i, n := 0, rapid.IntRange(0, 4).Draw(t, "params"); i < n; i++ {
		name := rapid.OneOf(rapid.SampledFrom([]string{"a", "B", "x-y", "Param"}), rapid.StringOfN(rapid.SampledFrom(qChars[:len(qChars)-1]), 1, 4, -1)).Draw(t, "name")
		name = strings.ReplaceAll(url.QueryEscape(name), "+", "%20")
		if rapid.IntRange(0, 4).Draw(t, "bare") == 0 {
			pairs = append(pairs, name)
			continue
		}
		value := rapid.StringOfN(rapid.SampledFrom(qChars), 0, 6, -1).Draw(t, "value")
		if rapid.Bool().Draw(t, "escape value") {
			value = strings.ReplaceAll(url.QueryEscape(value), "+", "%20")
		} else {
			value = strings.NewReplacer(" ", "%20", "€", "%E2%82%AC").Replace(value)
		}
		pairs = append(pairs, name+"="+value)
	}
	c.query = strings.Join(pairs, "&")
	for i, n := 0, rapid.IntRange(0, 4).Draw(t, "headers"); i < n; i++ {
		v := strings.TrimSpace(strings.Join(rapid.SliceOfN(rapid.SampledFrom(hdrWords), 1, 4).Draw(t, "words"), ""))
		if v == "" {
			v = "v"
		}
		c.headers = append(c.headers, [2]string{rapid.SampledFrom(hdrNames).Draw(t, "header"), v})
	}
	if c.method == "POST" || c.method == "PUT" || c.method == "PATCH" {
		c.body = rapid.SliceOfN(rapid.Byte(), 0, 64).Draw(t, "body")
	}
	return c
}

func (c sdkCase) request(t interface{ Fatalf(string, ...any) }) *http.Request {
	u := &url.URL{Scheme: "https", Host: "svc.example.amazonaws.com", Path: c.path, RawPath: c.rawPath, RawQuery: c.query}
	r, err := http.NewRequest(c.method, u.String(), bytes.NewReader(c.body))
	if err != nil {
		t.Fatalf("NewRequest: %v", err)
	}
	r.URL = u
	for _, h := range c.headers {
		r.Header.Add(h[0], h[1])
	}
	return r
}

func (c sdkCase) payloadHash() string {
	s := sha256.Sum256(c.body)
	return hex.EncodeToString(s[:])
}

func (c sdkCase) creds() (aws.Credentials, sigv4.Credentials) {
	if c.temporary {
		return aws.Credentials{AccessKeyID: tempID, SecretAccessKey: secret, SessionToken: token},
			sigv4.Credentials{AccessKeyID: tempID, SecretAccessKey: secret, SessionToken: token}
	}
	return aws.Credentials{AccessKeyID: akid, SecretAccessKey: secret}, sigv4.Credentials{AccessKeyID: akid, SecretAccessKey: secret}
}

type keys map[string]sigv4.Key

func (k keys) LookupKey(id string) (sigv4.Key, error) {
	if key, ok := k[id]; ok {
		return key, nil
	}
	return sigv4.Key{}, sigv4.ErrInvalidAccessKeyID
}

func verifier(at time.Time) *sigv4.Verifier {
	return &sigv4.Verifier{Keys: keys{
		akid:   {AccessKeyID: akid, SecretAccessKey: secret, Active: true},
		tempID: {AccessKeyID: tempID, SecretAccessKey: secret, SessionToken: token, Active: true, Expiration: at.Add(8 * 24 * time.Hour)},
	}}
}

func canonicalOf(err error) string {
	var e *sigv4.Error
	if errors.As(err, &e) {
		return e.CanonicalRequest
	}
	return ""
}

// The SDK and our Signer produce the same Authorization, and what the SDK
// signs our Verifier accepts, before and after a trip over the wire.
func checkSDKHeaderSigning(t *rapid.T) {
	c := genSDKCase(t)
	ph := c.payloadHash()
	sdkCreds, ourCreds := c.creds()

	rs := c.request(t)
	if c.service == "s3" {
		rs.Header.Set("X-Amz-Content-Sha256", ph)
	}
	sdk := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = c.service == "s3" })
	if err := sdk.SignHTTP(context.Background(), sdkCreds, rs, ph, c.service, c.region, c.t); err != nil {
		t.Fatalf("SDK SignHTTP: %v", err)
	}

	ro := c.request(t)
	var s sigv4.Signer
	if err := s.Sign(ro, ourCreds, ph, c.service, c.region, c.t, &sigv4.Options{S3: c.service == "s3"}); err != nil {
		t.Fatalf("Sign: %v", err)
	}
	if got, want := ro.Header.Get("Authorization"), rs.Header.Get("Authorization"); got != want {
		cr, _ := sigv4.CanonicalRequest(ro, nil, ph, &sigv4.Options{S3: c.service == "s3"})
		t.Fatalf("%+v\nours: %s\n SDK: %s\nour canonical request:\n%s", c, got, want, cr)
	}

	v := verifier(c.t)
	now := c.t.Add(time.Minute)
	if _, err := v.Verify(rs, c.body, now); err != nil {
		t.Fatalf("the SDK-signed %+v does not verify: %v\n%s", c, err, canonicalOf(err))
	}
	var wire bytes.Buffer
	if err := rs.Write(&wire); err != nil {
		t.Fatal(err)
	}
	sr, err := http.ReadRequest(bufio.NewReader(&wire))
	if err != nil {
		t.Fatalf("ReadRequest: %v\n%s", err, wire.String())
	}
	body, _ := io.ReadAll(sr.Body)
	if _, err := v.Verify(sr, body, now); err != nil {
		t.Fatalf("the SDK-signed %+v does not verify after the wire: %v\n%s\n%s", c, err, wire.String(), canonicalOf(err))
	}
}

func TestSDKHeaderSigning(t *testing.T) { rapid.Check(t, checkSDKHeaderSigning) }

func FuzzSDKHeaderSigning(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkSDKHeaderSigning)) }

// A URL the SDK presigns verifies with our Verifier until it expires; when no
// x-amz-* header is hoisted into the query, our Presign computes the same
// signature.
func checkSDKPresigning(t *rapid.T) {
	c := genSDKCase(t)
	sdkCreds, ourCreds := c.creds()
	expires := rapid.IntRange(1, 604800).Draw(t, "expires")
	ph := c.payloadHash()
	if c.service == "s3" {
		ph = sigv4.UnsignedPayload
	}

	rs := c.request(t)
	if rs.URL.RawQuery != "" {
		rs.URL.RawQuery += "&"
	}
	rs.URL.RawQuery += "X-Amz-Expires=" + strconv.Itoa(expires)
	sdk := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = c.service == "s3" })
	signedURL, signedHeaders, err := sdk.PresignHTTP(context.Background(), sdkCreds, rs, ph, c.service, c.region, c.t)
	if err != nil {
		t.Fatalf("SDK PresignHTTP: %v", err)
	}

	pr, err := http.NewRequest(c.method, signedURL, bytes.NewReader(c.body))
	if err != nil {
		t.Fatalf("the SDK's URL %q: %v", signedURL, err)
	}
	for k, vs := range signedHeaders {
		if strings.EqualFold(k, "host") {
			continue
		}
		pr.Header[k] = vs
	}
	v := verifier(c.t)
	if _, err := v.Verify(pr, c.body, c.t.Add(time.Duration(expires)*time.Second)); err != nil {
		t.Fatalf("the SDK-presigned %+v does not verify: %v\n%s\n%s", c, err, signedURL, canonicalOf(err))
	}
	if _, err := v.Verify(pr, c.body, c.t.Add(time.Duration(expires+1)*time.Second)); !errors.Is(err, sigv4.ErrPresignExpired) {
		t.Fatalf("the SDK-presigned %+v verifies after it expired: %v", c, err)
	}

	hoisted := false
	for _, h := range c.headers {
		hoisted = hoisted || strings.HasPrefix(h[0], "X-Amz-")
	}
	if hoisted || strings.Contains(c.query, "X-Amz-") {
		return
	}
	ro := c.request(t)
	ours, err := (&sigv4.Signer{}).Presign(ro, ourCreds, c.service, c.region, c.t, time.Duration(expires)*time.Second,
		&sigv4.Options{S3: c.service == "s3"})
	if err != nil {
		t.Fatalf("Presign: %v", err)
	}
	if sig(ours) != sig(signedURL) {
		t.Fatalf("%+v\nours: %s\n SDK: %s", c, ours, signedURL)
	}
}

func sig(u string) string {
	_, s, _ := strings.Cut(u, "X-Amz-Signature=")
	s, _, _ = strings.Cut(s, "&")
	return s
}

func TestSDKPresigning(t *testing.T) { rapid.Check(t, checkSDKPresigning) }

func FuzzSDKPresigning(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkSDKPresigning)) }
