package sigv4

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Credentials are what a client signs with. SessionToken is set for
// temporary (STS) credentials.
type Credentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
}

// Options adjust signing. The zero value (or nil) signs like most AWS
// services: path normalised and encoded twice, payload hashed, session token
// signed.
type Options struct {
	// S3 applies the S3 rules: the path is encoded once and not
	// normalised, Sign sets (and signs) X-Amz-Content-Sha256, and Presign
	// signs UNSIGNED-PAYLOAD.
	S3 bool
	// UnsignedPayload signs the literal UNSIGNED-PAYLOAD instead of the body
	// hash (and sends it as X-Amz-Content-Sha256).
	UnsignedPayload bool
	// OmitSessionToken sends X-Amz-Security-Token without signing it: it is
	// added after the signature is computed (the test suite's
	// post-sts-header-after case; some services want it that way).
	OmitSessionToken bool
	// ContentSHA256Header sets and signs X-Amz-Content-Sha256 for services
	// other than S3 as well.
	ContentSHA256Header bool
	// SigV4a signs with AWS4-ECDSA-P256-SHA256; the region argument is then
	// the region set ("us-east-1", "us-east-1,us-west-2" or "*"), sent as
	// X-Amz-Region-Set.
	SigV4a bool
}

var errNilRequest = errors.New("sigv4: nil request or URL")

// Signer signs and presigns requests. The zero value is ready to use. A
// Signer caches derived signing keys by (access key id, date, region,
// service) and SigV4a keys by access key id, at most CacheSize of each; it is
// safe for concurrent use (a mutex guards the caches).
type Signer struct {
	// CacheSize bounds each key cache; 0 means DefaultCacheSize.
	CacheSize int

	keys    keyCache[*signingKey]
	keysV4a keyCache[*ecdsa.PrivateKey]
}

func checkSignArgs(r *http.Request, c Credentials, service, region string, t time.Time) error {
	switch {
	case r == nil || r.URL == nil:
		return errNilRequest
	case c.AccessKeyID == "" || c.SecretAccessKey == "":
		return errors.New("sigv4: credentials need an access key id and a secret access key")
	case service == "" || region == "":
		return errors.New("sigv4: service and region must not be empty")
	case strings.IndexByte(service, '/') >= 0 || strings.IndexByte(region, '/') >= 0 || strings.IndexByte(c.AccessKeyID, '/') >= 0:
		return errors.New("sigv4: access key id, service and region must not contain '/'")
	case !validTime(t):
		return errors.New("sigv4: signing time out of range")
	}
	return nil
}

// stripDefaultPort drops :80 from an http and :443 from an https Host, as
// the SDKs do, so that the host signed is the Host header sent.
func stripDefaultPort(r *http.Request) {
	host := requestHost(r)
	i := strings.LastIndexByte(host, ':')
	if i < 0 || strings.IndexByte(host[i:], ']') >= 0 {
		return
	}
	port := host[i+1:]
	if (port == "80" && r.URL.Scheme == "http") || (port == "443" && r.URL.Scheme == "https") {
		r.Host = host[:i]
	}
}

// Sign signs r in place with the header form of SigV4 (or SigV4a with
// o.SigV4a) at time t. It sets X-Amz-Date, X-Amz-Security-Token when c has a
// session token, X-Amz-Content-Sha256 with o.S3, o.ContentSHA256Header,
// o.UnsignedPayload or a non-hex payload hash (STREAMING-...), X-Amz-Region-Set
// for SigV4a, and Authorization; stale copies of these headers (any case, and
// an X-Amz-Security-Token when c has no token) are removed. It strips a
// default port (:443 for https, :80 for http) from the host, as the SDKs do.
//
// payloadHash is the hex SHA-256 of the body or a literal such as
// UnsignedPayload or StreamingPayload. "" means: compute the SHA-256 of
// r.Body, reading it through r.GetBody when set and otherwise buffering it
// and replacing r.Body (and GetBody) with a reader of the same bytes, so the
// request can still be sent.
//
// Headers signed: host, content-length when r.ContentLength > 0, and every
// header in r.Header except the ones signers skip (Authorization, User-Agent,
// X-Amzn-Trace-Id, Expect, Transfer-Encoding and hop-by-hop headers).
func (s *Signer) Sign(r *http.Request, c Credentials, payloadHash, service, region string, t time.Time, opts *Options) error {
	var o Options
	if opts != nil {
		o = *opts
	}
	if err := checkSignArgs(r, c, service, region, t); err != nil {
		return err
	}
	t = t.UTC()
	switch {
	case o.UnsignedPayload:
		payloadHash = UnsignedPayload
	case payloadHash == "":
		var hb [64]byte
		if err := bodyHash(r, &hb); err != nil {
			return err
		}
		payloadHash = string(hb[:])
	}
	setHash := o.S3 || o.ContentSHA256Header || !isHexHash(payloadHash)
	stripDefaultPort(r)
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	token := c.SessionToken

	cn := getCanon()
	defer putCanon(cn)
	appendAmzDate(cn.amzDate[:0], t)

	// The headers Sign sets are synthetic entries; copies in the map (any
	// case) are neither signed nor kept.
	var extra [4]synthetic
	ne := 0
	extra[ne] = synthetic{name: "x-amz-date", kind: hdrDate}
	ne++
	omit := uint(1<<classDate | 1<<classToken)
	if token != "" && !o.OmitSessionToken {
		extra[ne] = synthetic{name: "x-amz-security-token", kind: hdrValue, val: token}
		ne++
	}
	if setHash {
		extra[ne] = synthetic{name: "x-amz-content-sha256", kind: hdrValue, val: payloadHash}
		ne++
		omit |= 1 << classContentSHA
	}
	if o.SigV4a {
		extra[ne] = synthetic{name: "x-amz-region-set", kind: hdrValue, val: region}
		ne++
		omit |= 1 << classRegionSet
	}
	if err := cn.collectHeaders(r.Header, requestHost(r), r.ContentLength, omit, extra[:ne]...); err != nil {
		return err
	}
	for _, k := range cn.omitted {
		switch k {
		case "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Region-Set":
			// Overwritten below.
		case "X-Amz-Security-Token":
			if token == "" {
				delete(r.Header, k)
			}
		default:
			delete(r.Header, k)
		}
	}

	// Canonical request.
	b := append(cn.buf[:0], method(r)...)
	b = append(b, '\n')
	b = appendPath(b, wirePath(r.URL), o.S3)
	b = append(b, '\n')
	cn.buf = b
	cn.appendQuery(r.URL.RawQuery, false)
	cn.buf = append(cn.buf, '\n')
	cn.appendCollectedHeaders(r.ContentLength)
	cn.buf = append(cn.buf, '\n')
	shStart := len(cn.buf)
	cn.buf = cn.appendSignedHeaderList(cn.buf)
	shEnd := len(cn.buf)
	cn.buf = append(cn.buf, '\n')
	cn.buf = append(cn.buf, payloadHash...)
	crHash := sha256.Sum256(cn.buf)

	// One string holds the X-Amz-Date and Authorization values.
	out := cn.scratch[:0]
	out = append(out, cn.amzDate[:]...)
	authStart := len(out)
	var sig []byte
	var err error
	if o.SigV4a {
		out, sig, err = s.signV4a(cn, out, &crHash, c, service, region)
		if err != nil {
			return err
		}
	} else {
		out = append(out, AlgorithmV4...)
	}
	out = append(out, " Credential="...)
	out = append(out, c.AccessKeyID...)
	out = append(out, '/')
	out = append(out, cn.amzDate[:8]...)
	if !o.SigV4a {
		out = append(out, '/')
		out = append(out, region...)
	}
	out = append(out, '/')
	out = append(out, service...)
	out = append(out, "/aws4_request, SignedHeaders="...)
	out = append(out, cn.buf[shStart:shEnd]...)
	out = append(out, ", Signature="...)
	if o.SigV4a {
		out = hex.AppendEncode(out, sig)
	} else {
		key := cachedSigningKey(&s.keys, c.AccessKeyID, c.SecretAccessKey, string(cn.amzDate[:8]), region, service, s.CacheSize)
		sum := cn.signV4(key, &crHash, region, service)
		out = appendHex32(out, &sum)
	}
	authEnd := len(out)
	cn.scratch = out
	all := string(out)

	vals := make([]string, 5)
	n := 0
	set := func(k, v string) {
		vals[n] = v
		r.Header[k] = vals[n : n+1 : n+1]
		n++
	}
	set("X-Amz-Date", all[:16])
	if token != "" {
		set("X-Amz-Security-Token", token)
	}
	if setHash {
		set("X-Amz-Content-Sha256", payloadHash)
	}
	if o.SigV4a {
		set("X-Amz-Region-Set", region)
	}
	set("Authorization", all[authStart:authEnd])
	return nil
}

// signV4 computes the SigV4 signature of a canonical request hash: the
// HMAC of the string to sign (built after the canonical request in cn.buf),
// resuming the SHA-256 states of the key's pads.
func (cn *canon) signV4(sk *signingKey, crHash *[32]byte, region, service string) [32]byte {
	start := len(cn.buf)
	if cn.h == nil {
		cn.h = sha256.New()
	}
	u, ok := cn.h.(encoding.BinaryUnmarshaler)
	if !ok || sk.inner == nil || u.UnmarshalBinary(sk.inner) != nil {
		// HMAC from scratch.
		b := appendIpad(cn.buf, &sk.key)
		b = cn.appendStringToSign(b, AlgorithmV4, region, service, crHash)
		inner := sha256.Sum256(b[start:])
		cn.buf = b[:start]
		return hmacFinish(&sk.key, &inner)
	}
	b := cn.appendStringToSign(cn.buf, AlgorithmV4, region, service, crHash)
	cn.h.Write(b[start:])
	cn.buf = b[:start]
	cn.h.Sum(cn.sum[:0])
	if u.UnmarshalBinary(sk.outer) != nil {
		return hmacFinish(&sk.key, &cn.sum)
	}
	cn.h.Write(cn.sum[:])
	cn.h.Sum(cn.sum[:0])
	return cn.sum
}

// appendStringToSign appends the string to sign; region "" is the SigV4a
// scope (date/service/aws4_request).
func (cn *canon) appendStringToSign(b []byte, alg, region, service string, crHash *[32]byte) []byte {
	b = append(b, alg...)
	b = append(b, '\n')
	b = append(b, cn.amzDate[:]...)
	b = append(b, '\n')
	b = append(b, cn.amzDate[:8]...)
	b = append(b, '/')
	if region != "" {
		b = append(b, region...)
		b = append(b, '/')
	}
	b = append(b, service...)
	b = append(b, "/aws4_request\n"...)
	return appendHex32(b, crHash)
}

// signV4a appends the algorithm name to out and returns the DER ECDSA
// signature of the string to sign.
func (s *Signer) signV4a(cn *canon, out []byte, crHash *[32]byte, c Credentials, service, regionSet string) ([]byte, []byte, error) {
	key, err := cachedKeyV4a(&s.keysV4a, c.AccessKeyID, c.SecretAccessKey, s.CacheSize)
	if err != nil {
		return nil, nil, err
	}
	start := len(cn.buf)
	b := cn.appendStringToSign(cn.buf, AlgorithmV4a, "", service, crHash)
	digest := sha256.Sum256(b[start:])
	cn.buf = b[:start]
	sig, err := ecdsa.SignASN1(rand.Reader, key, digest[:])
	if err != nil {
		return nil, nil, err
	}
	return append(out, AlgorithmV4a...), sig, nil
}

// MaxPresignExpires is the longest validity of a presigned URL (7 days).
const MaxPresignExpires = 7 * 24 * time.Hour

// presignParams are the query parameters Presign adds (and strips from a
// URL that was presigned before).
func isPresignParam(name string) bool {
	switch name {
	case "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
		"X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Region-Set":
		return true
	}
	return false
}

// Presign returns a presigned URL for r, valid for expires (whole seconds,
// 1 s to 7 days) from t. It does not modify r. The query carries
// X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires,
// X-Amz-SignedHeaders, X-Amz-Security-Token (signed, unless
// o.OmitSessionToken: then it is appended after the signature),
// X-Amz-Region-Set for SigV4a, and X-Amz-Signature; presign parameters
// already in the query are replaced. The headers signed are host and the
// headers of r.Header (except the ones signers skip): whoever uses the URL
// must send them. The payload signed is UNSIGNED-PAYLOAD for S3 (o.S3) or
// with o.UnsignedPayload, and otherwise the SHA-256 of r.Body (the empty
// hash when there is none).
func (s *Signer) Presign(r *http.Request, c Credentials, service, region string, t time.Time, expires time.Duration, opts *Options) (string, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if err := checkSignArgs(r, c, service, region, t); err != nil {
		return "", err
	}
	secs := int64(expires / time.Second)
	if secs < 1 || expires > MaxPresignExpires {
		return "", newError(ErrAuthorizationQueryParameters, true,
			"X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")
	}
	t = t.UTC()
	payloadHash := UnsignedPayload
	if !o.S3 && !o.UnsignedPayload {
		var hb [64]byte
		if err := bodyHash(r, &hb); err != nil {
			return "", err
		}
		payloadHash = string(hb[:])
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}

	cn := getCanon()
	defer putCanon(cn)
	appendAmzDate(cn.amzDate[:0], t)
	if err := cn.collectHeaders(r.Header, host, r.ContentLength, 0); err != nil {
		return "", err
	}
	signed := string(cn.appendSignedHeaderList(nil))

	// The new raw query: the old one without presign parameters, then ours.
	q := make([]byte, 0, len(r.URL.RawQuery)+256+2*len(c.SessionToken))
	for raw := r.URL.RawQuery; raw != ""; {
		var piece string
		piece, raw, _ = strings.Cut(raw, "&")
		name, _, _ := strings.Cut(piece, "=")
		if piece == "" || isPresignParam(decodeQueryComponent(name)) {
			continue
		}
		if len(q) > 0 {
			q = append(q, '&')
		}
		q = append(q, piece...)
	}
	if len(q) > 0 {
		q = append(q, '&')
	}
	alg := AlgorithmV4
	scopeRegion := region
	if o.SigV4a {
		alg, scopeRegion = AlgorithmV4a, ""
	}
	q = append(q, "X-Amz-Algorithm="...)
	q = append(q, alg...)
	q = append(q, "&X-Amz-Credential="...)
	q = appendURIEncode(q, c.AccessKeyID, false)
	q = append(q, "%2F"...)
	q = append(q, cn.amzDate[:8]...)
	if scopeRegion != "" {
		q = append(q, "%2F"...)
		q = appendURIEncode(q, region, false)
	}
	q = append(q, "%2F"...)
	q = appendURIEncode(q, service, false)
	q = append(q, "%2Faws4_request&X-Amz-Date="...)
	q = append(q, cn.amzDate[:]...)
	q = append(q, "&X-Amz-Expires="...)
	q = strconv.AppendInt(q, secs, 10)
	if o.SigV4a {
		q = append(q, "&X-Amz-Region-Set="...)
		q = appendURIEncode(q, region, false)
	}
	q = append(q, "&X-Amz-SignedHeaders="...)
	q = appendURIEncode(q, signed, false)
	if c.SessionToken != "" && !o.OmitSessionToken {
		q = append(q, "&X-Amz-Security-Token="...)
		q = appendURIEncode(q, c.SessionToken, false)
	}
	rawQuery := string(q)

	path := wirePath(r.URL)
	cn.hm.index(r.Header)
	cn.writeCanonical(r, &cn.hm, path, rawQuery, false, o.S3, host, signed, payloadHash)
	crHash := sha256.Sum256(cn.buf)
	var sig []byte
	if o.SigV4a {
		var err error
		if _, sig, err = s.signV4a(cn, nil, &crHash, c, service, region); err != nil {
			return "", err
		}
	} else {
		key := cachedSigningKey(&s.keys, c.AccessKeyID, c.SecretAccessKey, string(cn.amzDate[:8]), region, service, s.CacheSize)
		sum := cn.signV4(key, &crHash, region, service)
		sig = sum[:]
	}

	var u strings.Builder
	scheme := r.URL.Scheme
	if scheme == "" {
		scheme = "https"
	}
	u.Grow(len(scheme) + 3 + len(r.URL.Host) + len(path) + len(rawQuery) + 200 + len(c.SessionToken))
	u.WriteString(scheme)
	u.WriteString("://")
	if r.URL.Host != "" {
		u.WriteString(r.URL.Host)
	} else {
		u.WriteString(host)
	}
	if path == "" {
		path = "/"
	}
	u.WriteString(path)
	u.WriteByte('?')
	u.WriteString(rawQuery)
	u.WriteString("&X-Amz-Signature=")
	u.WriteString(hex.EncodeToString(sig))
	if c.SessionToken != "" && o.OmitSessionToken {
		u.WriteString("&X-Amz-Security-Token=")
		u.Write(appendURIEncode(nil, c.SessionToken, false))
	}
	return u.String(), nil
}
