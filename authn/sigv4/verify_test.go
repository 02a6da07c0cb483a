package sigv4_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

const (
	testAKID   = "AKIAIOSFODNN7EXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	tempAKID   = "ASIAIOSFODNN7EXAMPLE"
	tempSecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
	tempToken  = "FwoGZXIvYXdzEBYaDFAKETOKENFORTESTSONLY+/="
)

var testTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)

func testKeys() mapKeys {
	return mapKeys{
		testAKID: {AccessKeyID: testAKID, SecretAccessKey: testSecret, Active: true, Principal: "user/alice"},
		tempAKID: {AccessKeyID: tempAKID, SecretAccessKey: tempSecret, SessionToken: tempToken, Active: true,
			Expiration: testTime.Add(time.Hour), Principal: "assumed-role/r/s"},
		"AKIAINACTIVE": {AccessKeyID: "AKIAINACTIVE", SecretAccessKey: testSecret, Active: false},
	}
}

// signedRequest returns a POST to sts signed at testTime with c.
func signedRequest(t *testing.T, c sigv4.Credentials, mutate func(*http.Request)) (*http.Request, []byte) {
	t.Helper()
	body := []byte("Action=GetCallerIdentity&Version=2011-06-15")
	r, err := http.NewRequest("POST", "https://sts.amazonaws.com/", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if mutate != nil {
		mutate(r)
	}
	var s sigv4.Signer
	if err := s.Sign(r, c, "", "sts", "us-east-1", testTime, nil); err != nil {
		t.Fatal(err)
	}
	return r, body
}

var (
	longTerm  = sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}
	temporary = sigv4.Credentials{AccessKeyID: tempAKID, SecretAccessKey: tempSecret, SessionToken: tempToken}
)

func TestVerifyAccepts(t *testing.T) {
	r, body := signedRequest(t, temporary, nil)
	v := &sigv4.Verifier{Keys: testKeys(), Regions: []string{"us-east-1"}, Services: []string{"sts"}}
	res, err := v.Verify(r, body, testTime.Add(14*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	want := &sigv4.Result{
		AccessKeyID: tempAKID, Algorithm: sigv4.AlgorithmV4, Service: "sts", Region: "us-east-1", Date: testTime,
		SignedHeaders: []string{"content-length", "content-type", "host", "x-amz-date", "x-amz-security-token"},
		Signature:     authSignature(r.Header.Get("Authorization")), PayloadHash: sha256Hex(body),
		DecodedContentLength: -1, Key: testKeys()[tempAKID],
	}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Fatalf("Result (-want +got):\n%s", diff)
	}
}

func TestVerifyFailures(t *testing.T) {
	keys := testKeys()
	tests := []struct {
		name    string
		creds   sigv4.Credentials
		before  func(*http.Request)          // before signing
		after   func(*http.Request, *[]byte) // after signing
		now     time.Duration                // after testTime
		v       func(*sigv4.Verifier)        // verifier settings
		want    error
		message string // exact, when set
	}{
		{name: "no authentication", after: func(r *http.Request, _ *[]byte) { r.Header.Del("Authorization") },
			want: sigv4.ErrMissingAuthenticationToken, message: "The request must contain either a valid (registered) AWS access key ID or X.509 certificate."},
		{name: "other scheme, no date", after: func(r *http.Request, _ *[]byte) {
			r.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
			r.Header.Del("X-Amz-Date")
		}, want: sigv4.ErrIncompleteSignature,
			message: "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Basic dXNlcjpwYXNz"},
		{name: "missing parts", after: func(r *http.Request, _ *[]byte) {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=ABCDEF")
		}, want: sigv4.ErrIncompleteSignature,
			message: "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=ABCDEF"},
		{name: "space in credential", after: func(r *http.Request, _ *[]byte) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), testAKID+"/", testAKID+" /", 1))
		}, want: sigv4.ErrIncompleteSignature},
		{name: "malformed credential", after: func(r *http.Request, _ *[]byte) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/us-east-1/sts/aws4_request", "/us-east-1", 1))
		}, want: sigv4.ErrIncompleteSignature},
		{name: "bad date", after: func(r *http.Request, _ *[]byte) { r.Header.Set("X-Amz-Date", "2013-05-24") },
			want: sigv4.ErrIncompleteSignature, message: "Date must be in ISO-8601 'basic format'. Got '2013-05-24'. See http://en.wikipedia.org/wiki/ISO_8601"},
		{name: "scope date", after: func(r *http.Request, _ *[]byte) { r.Header.Set("X-Amz-Date", "20130525T000000Z") }, now: 24 * time.Hour,
			want: sigv4.ErrCredentialScope, message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20130524' != '20130525', from '20130525T000000Z'."},
		{name: "region", v: func(v *sigv4.Verifier) { v.Regions = []string{"eu-west-1"} },
			want: sigv4.ErrCredentialScope, message: "Credential should be scoped to a valid region, not 'us-east-1'. "},
		{name: "service", v: func(v *sigv4.Verifier) { v.Services = []string{"iam"} },
			want: sigv4.ErrCredentialScope, message: "Credential should be scoped to correct service: 'iam'. "},
		{name: "terminator", after: func(r *http.Request, _ *[]byte) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "aws4_request", "aws5_request", 1))
		}, want: sigv4.ErrCredentialScope, message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "},
		{name: "expired signature", now: 20 * time.Minute, v: func(v *sigv4.Verifier) { v.Skew = func(string) time.Duration { return 5 * time.Minute } },
			want: sigv4.ErrSignatureExpired, message: "Signature expired: 20130524T000000Z is now earlier than 20130524T001500Z (20130524T002000Z - 5 min.)"},
		{name: "sts allows 15 minutes", now: 16 * time.Minute, want: sigv4.ErrRequestExpired,
			message: "Signature expired: 20130524T000000Z is now earlier than 20130524T000100Z (20130524T001600Z - 15 min.)"},
		{name: "signature not yet current", now: -16 * time.Minute, want: sigv4.ErrSignatureExpired,
			message: "Signature not yet current: 20130524T000000Z is still later than 20130523T235900Z (20130523T234400Z + 15 min.)"},
		{name: "unsigned x-amz header", after: func(r *http.Request, _ *[]byte) { r.Header.Set("X-Amz-Meta-Extra", "1") },
			want: sigv4.ErrHeadersNotSigned, message: "There were headers present in the request which were not signed: x-amz-meta-extra"},
		{name: "host not signed", after: func(r *http.Request, _ *[]byte) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "host;", "", 1))
		}, want: sigv4.ErrHeadersNotSigned},
		{name: "unknown key", creds: sigv4.Credentials{AccessKeyID: "AKIAUNKNOWN", SecretAccessKey: testSecret},
			want: sigv4.ErrInvalidAccessKeyID, message: "The security token included in the request is invalid."},
		{name: "inactive key", creds: sigv4.Credentials{AccessKeyID: "AKIAINACTIVE", SecretAccessKey: testSecret},
			want: sigv4.ErrInvalidAccessKeyID, message: "The security token included in the request is invalid."},
		{name: "temporary key without token", creds: sigv4.Credentials{AccessKeyID: tempAKID, SecretAccessKey: tempSecret},
			want: sigv4.ErrInvalidToken, message: "The security token included in the request is invalid."},
		{name: "wrong token", creds: sigv4.Credentials{AccessKeyID: tempAKID, SecretAccessKey: tempSecret, SessionToken: tempToken + "x"},
			want: sigv4.ErrInvalidToken},
		{name: "token with a long-term key", creds: sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret, SessionToken: tempToken},
			want: sigv4.ErrInvalidToken},
		{name: "expired session", creds: temporary, now: time.Hour, v: func(v *sigv4.Verifier) { v.Skew = func(string) time.Duration { return 2 * time.Hour } },
			want: sigv4.ErrExpiredToken, message: "The security token included in the request is expired"},
		{name: "wrong secret", creds: sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: tempSecret},
			want: sigv4.ErrSignatureDoesNotMatch, message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."},
		{name: "changed body", after: func(_ *http.Request, b *[]byte) { *b = append(*b, '&') }, want: sigv4.ErrSignatureDoesNotMatch},
		{name: "changed body with content hash", before: func(r *http.Request) {
			r.Header.Set("X-Amz-Content-Sha256", "b3a8e0e1f9ab1bfe3a36f231f676f78bb30a519d2b21e6c530c0eee8ebb4a5d0")
		}, want: sigv4.ErrContentSHA256Mismatch, message: "The provided 'x-amz-content-sha256' header does not match what was computed."},
		{name: "uppercase signature", after: func(r *http.Request, _ *[]byte) {
			a := r.Header.Get("Authorization")
			i := strings.Index(a, "Signature=") + len("Signature=")
			r.Header.Set("Authorization", a[:i]+strings.ToUpper(a[i:]))
		}, want: sigv4.ErrSignatureDoesNotMatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.creds
			if c.AccessKeyID == "" {
				c = longTerm
			}
			r, body := signedRequest(t, c, tc.before)
			if tc.after != nil {
				tc.after(r, &body)
			}
			v := &sigv4.Verifier{Keys: keys}
			if tc.v != nil {
				tc.v(v)
			}
			res, err := v.Verify(r, body, testTime.Add(tc.now))
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify = %+v, %v; want %v", res, err, tc.want)
			}
			if tc.message != "" && err.Error() != tc.message {
				t.Errorf("message:\n got %q\nwant %q", err.Error(), tc.message)
			}
			for _, secret := range []string{testSecret, tempSecret, tempToken} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the message contains a secret: %q", err.Error())
				}
			}
			var e *sigv4.Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not *sigv4.Error", err)
			}
			if strings.Contains(e.CanonicalRequest, tempToken) {
				t.Errorf("the canonical request in the error shows the session token")
			}
		})
	}
}

func TestVerifyPresignedFailures(t *testing.T) {
	var s sigv4.Signer
	presign := func(c sigv4.Credentials, expires time.Duration) string {
		r, _ := http.NewRequest("GET", "https://examplebucket.s3.amazonaws.com/test.txt", nil)
		u, err := s.Presign(r, c, "s3", "us-east-1", testTime, expires, &sigv4.Options{S3: true})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	good := presign(longTerm, 24*time.Hour)
	tests := []struct {
		name    string
		url     string
		now     time.Duration
		want    error
		message string
	}{
		{"valid", good, time.Hour, nil, ""},
		{"expired", good, 24*time.Hour + time.Second, sigv4.ErrPresignExpired, "Request has expired"},
		{"not yet valid", good, -16 * time.Minute, sigv4.ErrPresignExpired, "Request is not valid yet"},
		{"missing signature", strings.Split(good, "&X-Amz-Signature=")[0], 0, sigv4.ErrAuthorizationQueryParameters,
			"Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."},
		{"expires too long", strings.Replace(good, "X-Amz-Expires=86400", "X-Amz-Expires=604801", 1), 0, sigv4.ErrAuthorizationQueryParameters,
			"X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds"},
		{"expires not a number", strings.Replace(good, "X-Amz-Expires=86400", "X-Amz-Expires=1d", 1), 0, sigv4.ErrAuthorizationQueryParameters,
			"X-Amz-Expires should be a number"},
		{"expires negative", strings.Replace(good, "X-Amz-Expires=86400", "X-Amz-Expires=-1", 1), 0, sigv4.ErrAuthorizationQueryParameters,
			"X-Amz-Expires must be non-negative"},
		{"changed expiry", strings.Replace(good, "X-Amz-Expires=86400", "X-Amz-Expires=86401", 1), 0, sigv4.ErrSignatureDoesNotMatch, ""},
		{"changed key", strings.Replace(good, "test.txt", "test2.txt", 1), 0, sigv4.ErrSignatureDoesNotMatch, ""},
		{"bad algorithm", strings.Replace(good, "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1", 1), 0, sigv4.ErrAuthorizationQueryParameters, ""},
		{"temporary", presign(temporary, time.Hour), 0, nil, ""},
		{"temporary, token removed", strings.Split(presign(temporary, time.Hour), "&X-Amz-Security-Token")[0] + "&X-Amz-Signature=" +
			strings.Split(presign(temporary, time.Hour), "&X-Amz-Signature=")[1], 0, sigv4.ErrInvalidToken, ""},
		{"temporary, credentials expired", presign(temporary, 2*time.Hour), 90 * time.Minute, sigv4.ErrExpiredToken, ""},
	}
	v := &sigv4.Verifier{Keys: testKeys()}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := http.NewRequest("GET", tc.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := v.Verify(r, nil, testTime.Add(tc.now))
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("Verify = %+v, %v; want %v", res, err, tc.want)
			}
			if tc.message != "" && err.Error() != tc.message {
				t.Errorf("message:\n got %q\nwant %q", err.Error(), tc.message)
			}
			if err == nil && (!res.Presigned || res.PayloadHash != sigv4.UnsignedPayload) {
				t.Errorf("Result = %+v", res)
			}
		})
	}
	if _, err := s.Presign(&http.Request{URL: mustURL(t, "https://h/")}, longTerm, "s3", "us-east-1", testTime, 8*24*time.Hour, nil); !errors.Is(err, sigv4.ErrAuthorizationQueryParameters) {
		t.Errorf("Presign for 8 days: err = %v", err)
	}
	if _, err := s.Presign(&http.Request{URL: mustURL(t, "https://h/")}, longTerm, "s3", "us-east-1", testTime, time.Millisecond, nil); err == nil {
		t.Errorf("Presign for 1ms: no error")
	}
}

func TestErrorCode(t *testing.T) {
	type row struct {
		code   string
		status int
		msg    string
	}
	tests := []struct {
		err                   error
		query, json, restJSON row
		s3                    row
	}{
		{&sigv4.Error{Err: sigv4.ErrMissingAuthenticationToken, Message: "m"},
			row{"MissingAuthenticationToken", 403, "m"}, row{"MissingAuthenticationTokenException", 403, "m"}, row{"MissingAuthenticationTokenException", 403, "m"}, row{"AccessDenied", 403, "Access Denied"}},
		{&sigv4.Error{Err: sigv4.ErrIncompleteSignature, Message: "m"},
			row{"IncompleteSignature", 403, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"AuthorizationHeaderMalformed", 400, "m"}},
		{&sigv4.Error{Err: sigv4.ErrIncompleteSignature, Message: "m", Presigned: true},
			row{"IncompleteSignature", 403, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"AuthorizationQueryParametersError", 400, "m"}},
		{&sigv4.Error{Err: sigv4.ErrAuthorizationQueryParameters, Message: "m", Presigned: true},
			row{"IncompleteSignature", 403, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"AuthorizationQueryParametersError", 400, "m"}},
		{&sigv4.Error{Err: sigv4.ErrInvalidAccessKeyID, Message: "m"},
			row{"InvalidClientTokenId", 403, "m"}, row{"UnrecognizedClientException", 400, "m"}, row{"UnrecognizedClientException", 400, "m"}, row{"InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."}},
		{&sigv4.Error{Err: sigv4.ErrInvalidToken, Message: "m"},
			row{"InvalidClientTokenId", 403, "m"}, row{"UnrecognizedClientException", 400, "m"}, row{"UnrecognizedClientException", 400, "m"}, row{"InvalidToken", 400, "The provided token is malformed or otherwise invalid."}},
		{&sigv4.Error{Err: sigv4.ErrSignatureDoesNotMatch, Message: "m"},
			row{"SignatureDoesNotMatch", 403, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method."}},
		{&sigv4.Error{Err: sigv4.ErrCredentialScope, Message: "m"},
			row{"SignatureDoesNotMatch", 403, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"AuthorizationHeaderMalformed", 400, "m"}},
		{&sigv4.Error{Err: sigv4.ErrHeadersNotSigned, Message: "m"},
			row{"SignatureDoesNotMatch", 403, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"AccessDenied", 403, "There were headers present in the request which were not signed"}},
		{&sigv4.Error{Err: sigv4.ErrContentSHA256Mismatch, Message: "m"},
			row{"SignatureDoesNotMatch", 403, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed."}},
		{&sigv4.Error{Err: sigv4.ErrExpiredToken, Message: "m"},
			row{"ExpiredToken", 403, "m"}, row{"ExpiredTokenException", 403, "m"}, row{"ExpiredTokenException", 403, "m"}, row{"ExpiredToken", 400, "The provided token has expired."}},
		{&sigv4.Error{Err: sigv4.ErrSignatureExpired, Message: "m"},
			row{"SignatureDoesNotMatch", 403, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."}},
		{&sigv4.Error{Err: sigv4.ErrPresignExpired, Message: "Request has expired"},
			row{"RequestExpired", 400, "Request has expired"}, row{"InvalidSignatureException", 400, "Request has expired"}, row{"InvalidSignatureException", 400, "Request has expired"}, row{"AccessDenied", 403, "Request has expired"}},
		{&sigv4.Error{Err: sigv4.ErrRequestExpired, Message: "m"},
			row{"RequestExpired", 400, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"InvalidSignatureException", 400, "m"}, row{"AccessDenied", 403, "m"}},
		{&sigv4.Error{Err: sigv4.ErrMalformedChunk, Message: "m"},
			row{"IncompleteSignature", 400, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"IncompleteSignatureException", 400, "m"}, row{"IncompleteBody", 400, "m"}},
		{errors.New("store down"),
			row{"InternalFailure", 500, "We encountered an internal error. Please try again."}, row{"InternalFailure", 500, "We encountered an internal error. Please try again."},
			row{"InternalFailure", 500, "We encountered an internal error. Please try again."}, row{"InternalError", 500, "We encountered an internal error. Please try again."}},
	}
	for _, tc := range tests {
		for proto, want := range map[string]row{"query": tc.query, "json": tc.json, "rest-json": tc.restJSON, "s3": tc.s3} {
			code, status := sigv4.ErrorCode(tc.err, proto)
			got := row{code, status, sigv4.ErrorMessage(tc.err, proto)}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(row{})); diff != "" {
				t.Errorf("%v on %s (-want +got):\n%s", tc.err, proto, diff)
			}
		}
	}
	if code, status := sigv4.ErrorCode(nil, "query"); code != "" || status != 200 {
		t.Errorf("ErrorCode(nil) = %q, %d", code, status)
	}
}

func TestVerifyKeyStoreError(t *testing.T) {
	r, body := signedRequest(t, longTerm, nil)
	storeErr := errors.New("store unavailable")
	v := &sigv4.Verifier{Keys: resolverFunc(func(string) (sigv4.Key, error) { return sigv4.Key{}, storeErr })}
	if _, err := v.Verify(r, body, testTime); !errors.Is(err, storeErr) {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if _, err := (&sigv4.Verifier{}).Verify(r, body, testTime); err == nil {
		t.Fatal("a Verifier without Keys verified a request")
	}
}

type resolverFunc func(string) (sigv4.Key, error)

func (f resolverFunc) LookupKey(id string) (sigv4.Key, error) { return f(id) }

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Keys equal but for case are merged in byte order by Sign, by Verify and by
// http.Header.Write; more than 16 headers take the sorted lookup path.
func TestVerifyManyAndCaseDuplicateHeaders(t *testing.T) {
	for _, n := range []int{2, 20} {
		r, body := signedRequest(t, temporary, func(r *http.Request) {
			r.Header["X-Amz-Meta-A"] = []string{"1"}
			r.Header["x-amz-meta-a"] = []string{"2"}
			for i := range n {
				r.Header.Set(fmt.Sprintf("X-Extra-%02d", i), fmt.Sprintf("  v %d  ", i))
			}
		})
		if !strings.Contains(r.Header.Get("Authorization"), "x-amz-meta-a;") {
			t.Fatalf("Authorization %q", r.Header.Get("Authorization"))
		}
		cr, err := sigv4.CanonicalRequest(r, nil, sha256Hex(body), nil)
		if err != nil || !strings.Contains(cr, "\nx-amz-meta-a:1,2\n") {
			t.Fatalf("canonical request %q, %v", cr, err)
		}
		if _, err := (&sigv4.Verifier{Keys: testKeys()}).Verify(r, body, testTime); err != nil {
			t.Fatalf("%d extra headers: %v", n, err)
		}
		var wire bytes.Buffer
		if err := r.Write(&wire); err != nil {
			t.Fatal(err)
		}
		sr, err := http.ReadRequest(bufio.NewReader(&wire))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(sr.Body)
		if _, err := (&sigv4.Verifier{Keys: testKeys()}).Verify(sr, b, testTime); err != nil {
			t.Fatalf("%d extra headers, over the wire: %v", n, err)
		}
	}
}

func TestSignArguments(t *testing.T) {
	var s sigv4.Signer
	good := func() *http.Request { return &http.Request{Method: "GET", URL: mustURL(t, "https://h/")} }
	for name, call := range map[string]func() error{
		"nil request": func() error { return s.Sign(nil, longTerm, "", "s", "r", testTime, nil) },
		"nil URL":     func() error { return s.Sign(&http.Request{}, longTerm, "", "s", "r", testTime, nil) },
		"no secret":   func() error { return s.Sign(good(), sigv4.Credentials{AccessKeyID: "A"}, "", "s", "r", testTime, nil) },
		"no region":   func() error { return s.Sign(good(), longTerm, "", "s", "", testTime, nil) },
		"slash":       func() error { return s.Sign(good(), longTerm, "", "s/x", "r", testTime, nil) },
		"year 10000": func() error {
			return s.Sign(good(), longTerm, "", "s", "r", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), nil)
		},
		"bad header name": func() error {
			r := good()
			r.Header = http.Header{"Bad Name": {"v"}}
			return s.Sign(r, longTerm, "", "s", "r", testTime, nil)
		},
		"presign no URL": func() error {
			_, err := s.Presign(&http.Request{}, longTerm, "s", "r", testTime, time.Hour, nil)
			return err
		},
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A nil header map is created; a default port is dropped from the host.
	r := &http.Request{Method: "GET", URL: mustURL(t, "https://example.com:443/x")}
	if err := s.Sign(r, longTerm, "", "s", "r", testTime, nil); err != nil {
		t.Fatal(err)
	}
	if r.Host != "example.com" || r.Header.Get("Authorization") == "" {
		t.Fatalf("Host %q, headers %v", r.Host, r.Header)
	}
}

// OmitSessionToken sends the token unsigned, in the header and in a
// presigned URL; both verify, and a wrong token still fails.
func TestOmitSessionToken(t *testing.T) {
	var s sigv4.Signer
	o := &sigv4.Options{OmitSessionToken: true}
	r, _ := http.NewRequest("GET", "https://iam.amazonaws.com/?Action=ListUsers", nil)
	if err := s.Sign(r, temporary, "", "iam", "us-east-1", testTime, o); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Header.Get("Authorization"), "x-amz-security-token") || r.Header.Get("X-Amz-Security-Token") != tempToken {
		t.Fatalf("headers %v", r.Header)
	}
	v := &sigv4.Verifier{Keys: testKeys()}
	if _, err := v.Verify(r, nil, testTime); err != nil {
		t.Fatal(err)
	}
	r.Header.Set("X-Amz-Security-Token", "other")
	if _, err := v.Verify(r, nil, testTime); !errors.Is(err, sigv4.ErrInvalidToken) {
		t.Fatalf("wrong unsigned token: %v", err)
	}
	u, err := s.Presign(&http.Request{Method: "GET", URL: mustURL(t, "https://iam.amazonaws.com/")}, temporary, "iam", "us-east-1", testTime, time.Minute, o)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u, "X-Amz-Signature=") || strings.Index(u, "X-Amz-Security-Token") < strings.Index(u, "X-Amz-Signature") {
		t.Fatalf("the token must follow the signature: %s", u)
	}
	pr, _ := http.NewRequest("GET", u, nil)
	if _, err := v.Verify(pr, nil, testTime); err != nil {
		t.Fatalf("presigned with an unsigned token: %v", err)
	}
}

// Without X-Amz-Date the Date header dates the request (RFC 1123 with GMT
// or a numeric zone).
func TestVerifyDateHeader(t *testing.T) {
	for _, date := range []string{"Sun, 30 Aug 2015 12:36:00 GMT", "Sun, 30 Aug 2015 12:36:00 -0000"} {
		r := suiteRequest(t, "GET", "/", [][2]string{{"Date", date}})
		cr, err := sigv4.CanonicalRequest(r, []string{"date", "host"}, sigv4.EmptyPayloadHash, nil)
		if err != nil {
			t.Fatal(err)
		}
		sig := hmacHex(sigv4.SigningKey(suiteSecret, "20150830", "us-east-1", "service"), sigv4.StringToSign(suiteTime, "us-east-1", "service", cr))
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=date;host, Signature="+sig)
		res, err := suiteVerifier("").Verify(r, nil, suiteTime)
		if err != nil {
			t.Fatalf("Date %q: %v", date, err)
		}
		if !res.Date.Equal(suiteTime) {
			t.Errorf("Date = %v", res.Date)
		}
	}
}
