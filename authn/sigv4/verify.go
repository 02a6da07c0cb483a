package sigv4

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Key is what the identity store knows about an access key.
type Key struct {
	AccessKeyID     string
	SecretAccessKey string
	// SessionToken is set for temporary (STS) keys: requests must carry it.
	SessionToken string
	// Expiration is when a temporary key stops working; zero for
	// long-term keys.
	Expiration time.Time
	// Active is false for a deactivated access key.
	Active bool
	// Principal is opaque to this package and handed back in Result.Key.
	Principal any
}

// KeyResolver finds the key of an access key id. An error wrapping
// ErrInvalidAccessKeyID means the key does not exist; any other error is
// returned by Verify as it is (wrapped).
type KeyResolver interface {
	LookupKey(accessKeyID string) (Key, error)
}

// Verifier verifies SigV4 and SigV4a requests, in the header and in the
// presigned (query) form. Keys is required; the other fields are optional.
// A Verifier caches derived signing keys (at most CacheSize of each kind)
// and is safe for concurrent use (a mutex guards the caches); do not change
// its fields while it is in use.
type Verifier struct {
	// Keys resolves access key ids to keys.
	Keys KeyResolver
	// Skew returns the allowed clock skew for a service, applied in both
	// directions; nil means DefaultSkew.
	Skew func(service string) time.Duration
	// Regions and Services, when non-empty, are the regions and services
	// the credential scope may name (for SigV4a, at least one entry of the
	// region set must match one of Regions; '*' in the set is a wildcard).
	Regions, Services []string
	// CacheSize bounds each key cache; 0 means DefaultCacheSize.
	CacheSize int

	keys    keyCache[*signingKey]
	keysV4a keyCache[*ecdsa.PrivateKey]
}

// DefaultSkew is the clock skew AWS allows: 15 minutes for S3, STS, IAM,
// SNS and ECR (observed in their "Signature expired: ... - 15 min." errors
// and S3's MaxAllowedSkewMilliseconds 900000), 5 minutes for everything
// else (Kinesis, Lambda, Secrets Manager, CloudFormation ... "- 5 min.").
func DefaultSkew(service string) time.Duration {
	switch service {
	case "s3", "s3-object-lambda", "s3-outposts", "s3express", "sts", "iam", "sns", "ecr":
		return 15 * time.Minute
	}
	return 5 * time.Minute
}

// Result describes a verified request.
type Result struct {
	AccessKeyID string
	Algorithm   string // AWS4-HMAC-SHA256 or AWS4-ECDSA-P256-SHA256
	Service     string
	// Region is the scope's region; for SigV4a the region set as sent.
	Region string
	// Date is the signing time (X-Amz-Date, or the Date header).
	Date          time.Time
	SignedHeaders []string
	// Signature is the request signature: the seed of an aws-chunked body.
	Signature string
	// PayloadHash is the payload hash signed: hex, UNSIGNED-PAYLOAD or a
	// STREAMING-... literal.
	PayloadHash string
	Presigned   bool
	// Expires is the validity of a presigned URL (X-Amz-Expires).
	Expires time.Duration
	// DecodedContentLength is X-Amz-Decoded-Content-Length for aws-chunked
	// bodies, -1 when absent.
	DecodedContentLength int64
	// Key is the key the request was signed with, as LookupKey returned it.
	Key Key
}

// resultBox holds a Result, the backing array of its SignedHeaders and the
// bytes of a computed payload hash, so that a verification allocates them
// together (once).
type resultBox struct {
	res Result
	sh  [10]string
	ph  [64]byte
}

// newResult returns a Result whose SignedHeaders is the ';'-separated list
// and whose PayloadHash is ph, or the hex digits in computed when ph is "".
// It is the one allocation of a verification.
func (cn *canon) newResult(list, ph string, computed *[64]byte) *Result {
	b := new(resultBox)
	n := strings.Count(list, ";") + 1
	switch {
	case cn.listedFor == list && len(cn.listed) == n && n <= len(b.sh):
		// The names resolveList split (the same tokens).
		for i := range cn.listed {
			b.sh[i] = cn.listed[i].name
		}
		b.res.SignedHeaders = b.sh[:n:n]
	case n > len(b.sh):
		b.res.SignedHeaders = strings.Split(list, ";")
	default:
		for i := 0; i < n-1; i++ {
			b.sh[i], list = cutShort(list, ';')
		}
		b.sh[n-1] = list
		b.res.SignedHeaders = b.sh[:n:n]
	}
	if ph == "" {
		// The box is never written again: the string stays immutable.
		b.ph = *computed
		ph = unsafe.String(&b.ph[0], len(b.ph))
	}
	b.res.PayloadHash = ph
	return &b.res
}

var errNoResolver = errors.New("sigv4: Verifier.Keys is nil")

const (
	msgInvalidToken = "The security token included in the request is invalid."
	msgSignature    = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
)

// Verify authenticates r, whose body has already been read into body, at
// time now. It handles the header form (Authorization) and the presigned
// form (X-Amz-* query parameters). In order it checks: the algorithm and the
// Credential, SignedHeaders and Signature parts; a date (X-Amz-Date or
// Date) that matches the scope date; the scope terminator, region and
// service; the clock skew (both directions) or, presigned, X-Amz-Expires
// (1..604800) and the validity window; that host and every x-amz-* header
// sent are signed (X-Amz-Security-Token may be sent unsigned); the key
// (exists, active, session token present and equal for a temporary key, not
// expired at now); X-Amz-Content-Sha256 against SHA-256(body) unless it is
// UNSIGNED-PAYLOAD or STREAMING-...; and finally the signature, compared in
// constant time. For an aws-chunked (STREAMING-...) body, pass a nil body
// and read r.Body through NewChunkedReader. Failures are *Error values
// wrapping one of the package's sentinels.
func (v *Verifier) Verify(r *http.Request, body []byte, now time.Time) (*Result, error) {
	if r == nil || r.URL == nil {
		return nil, errNilRequest
	}
	cn := getCanon()
	defer putCanon(cn)
	cn.hm.index(r.Header)
	if h := cn.hm.firstOf(hAuthorization); h != "" {
		return v.verifyHeader(r, cn, h, body, now)
	}
	if hasPresignParams(r.URL.RawQuery) {
		return v.verifyPresigned(r, cn, body, now)
	}
	return nil, newError(ErrMissingAuthenticationToken, false,
		"The request must contain either a valid (registered) AWS access key ID or X.509 certificate.")
}

// requestDate returns the request's signing time from X-Amz-Date, else from
// the Date header; raw is the header value ("" when absent).
func requestDate(m *headerMap) (t time.Time, raw string, ok, amz bool) {
	if raw = m.firstOf(hXAmzDate); raw != "" {
		t, ok = parseAmzDate(raw)
		return t, raw, ok, true
	}
	if raw = m.firstOf(hDate); raw != "" {
		// RFC 1123 with GMT or with a numeric zone (Python's formatdate
		// writes "-0000"), RFC 850 or ANSI C.
		t, err := http.ParseTime(raw)
		if err != nil {
			t, err = time.Parse(time.RFC1123Z, raw)
		}
		return t.UTC(), raw, err == nil, false
	}
	return time.Time{}, "", false, false
}

func badDate(raw string, presigned bool) *Error {
	sentinel := ErrIncompleteSignature
	if presigned {
		sentinel = ErrAuthorizationQueryParameters
	}
	return newError(sentinel, presigned,
		"Date must be in ISO-8601 'basic format'. Got '"+raw+"'. See http://en.wikipedia.org/wiki/ISO_8601")
}

func (v *Verifier) skew(service string) time.Duration {
	if v.Skew != nil {
		return v.Skew(service)
	}
	return DefaultSkew(service)
}

// checkScope checks the credential scope against the request date and the
// verifier's allowed regions and services.
// d is the request time as YYYYMMDDTHHMMSSZ.
func (v *Verifier) checkScope(a *Authorization, d *[16]byte, rawDate string, regionSet string, presigned bool) *Error {
	if a.Terminator != terminator {
		return newError(ErrCredentialScope, presigned,
			"Credential should be scoped with a valid terminator: 'aws4_request', not '"+a.Terminator+"'. ")
	}
	if a.Date != string(d[:8]) {
		return newError(ErrCredentialScope, presigned,
			"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"+
				a.Date+"' != '"+string(d[:8])+"', from '"+rawDate+"'.")
	}
	if len(v.Regions) > 0 {
		if a.Algorithm == AlgorithmV4a {
			if !regionSetAllows(regionSet, v.Regions) {
				return newError(ErrCredentialScope, presigned,
					"The region set '"+regionSet+"' does not include a valid region.")
			}
		} else if !contains(v.Regions, a.Region) {
			return newError(ErrCredentialScope, presigned,
				"Credential should be scoped to a valid region, not '"+a.Region+"'. ")
		}
	}
	if len(v.Services) > 0 && !contains(v.Services, a.Service) {
		return newError(ErrCredentialScope, presigned,
			"Credential should be scoped to correct service: '"+v.Services[0]+"'. ")
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// regionSetAllows reports whether one of the comma-separated patterns of a
// SigV4a region set ('*' matches any run of characters) matches one of the
// allowed regions.
func regionSetAllows(set string, allowed []string) bool {
	for set != "" {
		var p string
		p, set, _ = strings.Cut(set, ",")
		p = strings.TrimSpace(p)
		for _, r := range allowed {
			if globMatch(p, r) {
				return true
			}
		}
	}
	return false
}

func globMatch(pattern, s string) bool {
	// Iterative '*' matcher with backtracking to the last star.
	px, sx, star, mark := 0, 0, -1, 0
	for sx < len(s) {
		switch {
		case px < len(pattern) && pattern[px] == '*':
			star, mark = px, sx
			px++
		case px < len(pattern) && pattern[px] == s[sx]:
			px++
			sx++
		case star >= 0:
			px, mark = star+1, mark+1
			sx = mark
		default:
			return false
		}
	}
	for px < len(pattern) && pattern[px] == '*' {
		px++
	}
	return px == len(pattern)
}

func fmtMinutes(d time.Duration) string {
	return strconv.FormatFloat(d.Minutes(), 'f', -1, 64) + " min."
}

func fmtAmzDate(t time.Time) string {
	var d [16]byte
	appendAmzDate(d[:0], t.UTC())
	return string(d[:])
}

// checkSkew checks |now - t| <= skew.
func (v *Verifier) checkSkew(t, now time.Time, service string) *Error {
	skew := v.skew(service)
	switch {
	case t.Before(now.Add(-skew)):
		return newError(ErrSignatureExpired, false, "Signature expired: "+fmtAmzDate(t)+" is now earlier than "+
			fmtAmzDate(now.Add(-skew))+" ("+fmtAmzDate(now)+" - "+fmtMinutes(skew)+")")
	case t.After(now.Add(skew)):
		return newError(ErrSignatureExpired, false, "Signature not yet current: "+fmtAmzDate(t)+" is still later than "+
			fmtAmzDate(now.Add(skew))+" ("+fmtAmzDate(now)+" + "+fmtMinutes(skew)+")")
	}
	return nil
}

// checkSignedHeaders checks that host and every x-amz-* header present is
// signed. X-Amz-Security-Token may be unsigned (it is checked against the
// key anyway). It resolves the list into cn for the canonical request.
func checkSignedHeaders(cn *canon, list string, presigned bool) *Error {
	cn.resolveList(list)
	if !cn.listedFold("host") && !cn.listedFold(":authority") {
		return newError(ErrHeadersNotSigned, presigned, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
	}
	m := &cn.hm
	for i := range m.entries {
		e := &m.entries[i]
		if !e.mustSign() || cn.listed1(e.lname) {
			continue
		}
		if !cn.listedFold(e.lname) {
			return newError(ErrHeadersNotSigned, presigned,
				"There were headers present in the request which were not signed: "+strings.ToLower(e.key))
		}
	}
	return nil
}

// resolveKey looks the key up and checks it is usable with the request's
// session token at now.
// A token compared equal that holds no byte <= ' ' is recorded in
// cn.cleanToken: its canonical value is itself.
func (v *Verifier) resolveKey(cn *canon, akid, token string, now time.Time, presigned bool) (Key, error) {
	if v.Keys == nil {
		return Key{}, errNoResolver
	}
	key, err := v.Keys.LookupKey(akid)
	if err != nil {
		if errors.Is(err, ErrInvalidAccessKeyID) {
			return key, newError(ErrInvalidAccessKeyID, presigned, msgInvalidToken)
		}
		return key, fmt.Errorf("sigv4: looking up the access key: %w", err)
	}
	if !key.Active || key.SecretAccessKey == "" {
		return key, newError(ErrInvalidAccessKeyID, presigned, msgInvalidToken)
	}
	if key.SessionToken != "" || token != "" {
		eq, clean := ctEqualClean(key.SessionToken, token)
		if !eq {
			return key, newError(ErrInvalidToken, presigned, msgInvalidToken)
		}
		if clean {
			cn.cleanToken = token
		}
	}
	if !key.Expiration.IsZero() && !now.Before(key.Expiration) {
		return key, newError(ErrExpiredToken, presigned, "The security token included in the request is expired")
	}
	return key, nil
}

// ctEqualClean compares two strings in time that depends only on their
// lengths, eight bytes at a time, and reports whether b holds no byte <= ' '
// (found in the same pass, as indexControl finds them).
func ctEqualClean(a, b string) (equal, clean bool) {
	if len(a) != len(b) {
		return false, false
	}
	const lo, hi = 0x2121212121212121, 0x8080808080808080
	var v, ctl uint64
	i := 0
	for ; i+32 <= len(a); i += 32 {
		x, y, z, w := loadAt(b, i), loadAt(b, i+8), loadAt(b, i+16), loadAt(b, i+24)
		// Parenthesised: ^ and | share a precedence in Go.
		v |= (loadAt(a, i) ^ x) | (loadAt(a, i+8) ^ y) | (loadAt(a, i+16) ^ z) | (loadAt(a, i+24) ^ w)
		ctl |= (x-lo)&^x | (y-lo)&^y | (z-lo)&^z | (w-lo)&^w
	}
	for ; i+8 <= len(a); i += 8 {
		x := loadAt(b, i)
		v |= loadAt(a, i) ^ x
		ctl |= (x - lo) &^ x
	}
	clean = ctl&hi == 0
	for ; i < len(a); i++ {
		v |= uint64(a[i] ^ b[i])
		if b[i] <= ' ' {
			clean = false
		}
	}
	return v == 0, clean
}

// ctEqualHex reports, in constant time, whether s is the 64 bytes of h.
func ctEqualHex(h *[64]byte, s string) bool {
	if len(s) != len(h) {
		return false
	}
	hs := unsafe.String(&h[0], len(h))
	var v uint64
	for i := 0; i < len(h); i += 8 {
		v |= loadAt(hs, i) ^ loadAt(s, i)
	}
	return v == 0
}

// decodeSig decodes a lower-case hex SigV4 signature.
func decodeSig(s string, dst *[32]byte) bool {
	if len(s) != 64 {
		return false
	}
	bad := byte(0)
	for i := 0; i < 32; i++ {
		h, l := lowerHex[s[2*i]], lowerHex[s[2*i+1]]
		bad |= (h | l) & 0x80
		dst[i] = h<<4 | l&15
	}
	return bad == 0
}

// lowerHex maps '0'-'9' and 'a'-'f' to their values, every other byte to 0x80.
var lowerHex = func() (t [256]byte) {
	for i := range t {
		t[i] = 0x80
	}
	for i := 0; i < 10; i++ {
		t['0'+i] = byte(i)
	}
	for i := 0; i < 6; i++ {
		t['a'+i] = byte(10 + i)
	}
	return t
}()

// payloadHash returns the payload hash to canonicalise for a header-signed
// request: x-amz-content-sha256 when sent (checked against the body unless
// a literal), else the body's SHA-256.
func payloadHashFor(m *headerMap, body []byte, dst *[64]byte, presigned bool) (string, *Error) {
	if h := m.firstOf(hXAmzContentSha256); h != "" {
		if h == UnsignedPayload || strings.HasPrefix(h, "STREAMING-") {
			return h, nil
		}
		sum := sha256.Sum256(body)
		var got [32]byte
		if len(h) != 64 {
			return "", newError(ErrContentSHA256Mismatch, presigned, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-... or a valid sha256 value.")
		}
		if _, err := hex.Decode(got[:], []byte(h)); err != nil || got != sum {
			return "", newError(ErrContentSHA256Mismatch, presigned, "The provided 'x-amz-content-sha256' header does not match what was computed.")
		}
		return h, nil
	}
	sum := sha256.Sum256(body)
	encodeHex32(dst, &sum)
	return "", nil
}

func (v *Verifier) verifyHeader(r *http.Request, cn *canon, h string, body []byte, now time.Time) (*Result, error) {
	m := &cn.hm
	a, missing, perr := parseHeader(h)
	if perr != nil {
		return nil, perr
	}
	t, rawDate, dateOK, amzDate := requestDate(m)
	if rawDate == "" {
		missing |= missDate
	}
	if missing != 0 {
		return nil, newError(ErrIncompleteSignature, false, incompleteMessage(missing, h))
	}
	if !dateOK {
		return nil, badDate(rawDate, false)
	}
	regionSet := ""
	if a.Algorithm == AlgorithmV4a {
		regionSet = m.firstOf(hXAmzRegionSet)
		if regionSet == "" {
			return nil, newError(ErrIncompleteSignature, false, "SigV4a requests require the X-Amz-Region-Set header.")
		}
	}
	cn.setDate(t, rawDate, amzDate)
	if e := v.checkScope(&a, &cn.amzDate, rawDate, regionSet, false); e != nil {
		return nil, e
	}
	if e := v.checkSkew(t, now, a.Service); e != nil {
		return nil, e
	}
	if e := checkSignedHeaders(cn, a.SignedHeaders, false); e != nil {
		return nil, e
	}
	token := m.firstOf(hXAmzSecurityToken)
	key, err := v.resolveKey(cn, a.AccessKeyID, token, now, false)
	if err != nil {
		return nil, err
	}
	var hb [64]byte
	ph, e := payloadHashFor(m, body, &hb, false)
	if e != nil {
		return nil, e
	}
	signedPH := ph
	if ph == "" {
		// The hex digits are only needed in the canonical request; the
		// Result gets its own copy.
		signedPH = unsafe.String(&hb[0], len(hb))
	}
	if err := v.checkSignature(r, cn, &a, t, signedPH, key, token, false, true); err != nil {
		return nil, err
	}
	res := cn.newResult(a.SignedHeaders, ph, &hb)
	res.AccessKeyID, res.Algorithm, res.Service, res.Region = a.AccessKeyID, a.Algorithm, a.Service, a.Region
	res.Date, res.Signature, res.DecodedContentLength, res.Key = t, a.Signature, -1, key
	if a.Algorithm == AlgorithmV4a {
		res.Region = regionSet
	}
	if s := m.firstOf(hXAmzDecodedContentLength); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
			res.DecodedContentLength = n
		}
	}
	return res, nil
}

// errQuietMismatch is checkSignature's mismatch without details.
var errQuietMismatch = errors.New("sigv4: signature mismatch")

// checkSignature builds the canonical request and compares signatures. A
// mismatch is an *Error with the canonical request and string to sign when
// detail is set, errQuietMismatch otherwise.
func (v *Verifier) checkSignature(r *http.Request, cn *canon, a *Authorization, t time.Time, payloadHash string, key Key, token string, presigned, detail bool) error {
	m := &cn.hm
	host := requestHost(r)
	cn.writeCanonical(r, m, wirePath(r.URL), r.URL.RawQuery, presigned, usesS3Rules(a.Service), host, a.SignedHeaders, payloadHash)
	crHash := sha256.Sum256(cn.buf)
	if a.Algorithm == AlgorithmV4a {
		priv, err := cachedKeyV4a(&v.keysV4a, a.AccessKeyID, key.SecretAccessKey, v.CacheSize)
		if err != nil {
			return err
		}
		start := len(cn.buf)
		b := cn.appendStringToSign(cn.buf, AlgorithmV4a, "", a.Service, &crHash)
		digest := sha256.Sum256(b[start:])
		cn.buf = b[:start]
		sig, err := hex.DecodeString(a.Signature)
		if err != nil || !ecdsa.VerifyASN1(&priv.PublicKey, digest[:], sig) {
			if !detail {
				return errQuietMismatch
			}
			return mismatch(cn, AlgorithmV4a, "", a.Service, &crHash, token, presigned)
		}
		return nil
	}
	sk := cachedSigningKey(&v.keys, a.AccessKeyID, key.SecretAccessKey, a.Date, a.Region, a.Service, v.CacheSize)
	want := cn.signV4(sk, &crHash, a.Region, a.Service)
	// The signature sent must be the lower-case hex of the one computed:
	// compare the hex, in constant time.
	var wantHex [64]byte
	encodeHex32(&wantHex, &want)
	if !ctEqualHex(&wantHex, a.Signature) {
		if !detail {
			return errQuietMismatch
		}
		return mismatch(cn, AlgorithmV4, a.Region, a.Service, &crHash, token, presigned)
	}
	return nil
}

// mismatch builds the SignatureDoesNotMatch error, with the canonical
// request (session token redacted) and the string to sign.
func mismatch(cn *canon, alg, region, service string, crHash *[32]byte, token string, presigned bool) *Error {
	e := newError(ErrSignatureDoesNotMatch, presigned, msgSignature)
	cr := string(cn.buf)
	if token != "" {
		cr = strings.ReplaceAll(cr, token, "<redacted>")
		cr = strings.ReplaceAll(cr, string(appendURIEncode(nil, token, false)), "<redacted>")
	}
	e.CanonicalRequest = cr
	e.StringToSign = string(cn.appendStringToSign(nil, alg, region, service, crHash))
	return e
}

func (v *Verifier) verifyPresigned(r *http.Request, cn *canon, body []byte, now time.Time) (*Result, error) {
	m := &cn.hm
	a, err := ParsePresigned(r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	t, ok := parseAmzDate(a.AmzDate)
	if !ok {
		return nil, badDate(a.AmzDate, true)
	}
	secs, perr := strconv.ParseInt(a.Expires, 10, 64)
	switch {
	case perr != nil && !isAllDigits(a.Expires):
		return nil, newError(ErrAuthorizationQueryParameters, true, "X-Amz-Expires should be a number")
	case perr != nil || secs > int64(MaxPresignExpires/time.Second):
		return nil, newError(ErrAuthorizationQueryParameters, true,
			"X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")
	case secs < 1:
		return nil, newError(ErrAuthorizationQueryParameters, true, "X-Amz-Expires must be non-negative")
	}
	if a.Algorithm == AlgorithmV4a && a.RegionSet == "" {
		return nil, newError(ErrAuthorizationQueryParameters, true, "SigV4a presigned requests require the X-Amz-Region-Set parameter.")
	}
	cn.setDate(t, a.AmzDate, true)
	if e := v.checkScope(&a, &cn.amzDate, a.AmzDate, a.RegionSet, true); e != nil {
		return nil, e
	}
	expires := time.Duration(secs) * time.Second
	if now.After(t.Add(expires)) {
		return nil, newError(ErrPresignExpired, true, "Request has expired")
	}
	if t.After(now.Add(v.skew(a.Service))) {
		return nil, newError(ErrPresignExpired, true, "Request is not valid yet")
	}
	if e := checkSignedHeaders(cn, a.SignedHeaders, true); e != nil {
		return nil, e
	}
	token := a.SecurityToken
	if token == "" {
		token = m.firstOf(hXAmzSecurityToken)
	}
	key, err := v.resolveKey(cn, a.AccessKeyID, token, now, true)
	if err != nil {
		return nil, err
	}
	// The payload signed: x-amz-content-sha256 when sent; otherwise
	// UNSIGNED-PAYLOAD for S3 and the body hash for other services, each
	// falling back to the other (a signer may have chosen either).
	var hb [64]byte
	ph, e := payloadHashFor(m, body, &hb, true)
	if e != nil {
		return nil, e
	}
	// A signer may also have added the token to the URL after signing (the
	// query form of OmitSessionToken): then it is not in the canonical query.
	type attempt struct {
		ph        string
		skipToken bool
	}
	var attempts [4]attempt
	n := 0
	if ph != "" {
		attempts[n] = attempt{ph: ph}
		n++
	} else {
		first, second := unsafe.String(&hb[0], len(hb)), UnsignedPayload
		if usesS3Rules(a.Service) {
			first, second = second, first
		}
		attempts[0], attempts[1] = attempt{ph: first}, attempt{ph: second}
		n = 2
	}
	if a.SecurityToken != "" {
		for i := range n {
			attempts[n+i] = attempt{ph: attempts[i].ph, skipToken: true}
		}
		n *= 2
	}
	err = errQuietMismatch
	for _, at := range attempts[:n] {
		cn.skipToken = at.skipToken
		if err = v.checkSignature(r, cn, &a, t, at.ph, key, token, true, false); err != errQuietMismatch {
			ph = at.ph
			break
		}
	}
	if err == errQuietMismatch {
		cn.skipToken = false
		err = v.checkSignature(r, cn, &a, t, attempts[0].ph, key, token, true, true)
	}
	if err != nil {
		return nil, err
	}
	if len(ph) == len(hb) && unsafe.StringData(ph) == &hb[0] {
		ph = "" // the computed hash: the Result gets its own copy
	}
	res := cn.newResult(a.SignedHeaders, ph, &hb)
	res.AccessKeyID, res.Algorithm, res.Service, res.Region = a.AccessKeyID, a.Algorithm, a.Service, a.Region
	res.Date, res.Signature, res.Presigned, res.Expires, res.DecodedContentLength, res.Key = t, a.Signature, true, expires, -1, key
	if a.Algorithm == AlgorithmV4a {
		res.Region = a.RegionSet
	}
	return res, nil
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	s = strings.TrimPrefix(s, "-")
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
