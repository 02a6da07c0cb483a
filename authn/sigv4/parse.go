package sigv4

import (
	"strings"
)

// Authorization is a parsed SigV4 or SigV4a authorization: the header form
// (ParseAuthorization) or the query form of a presigned URL
// (ParsePresigned).
type Authorization struct {
	Algorithm     string // AWS4-HMAC-SHA256 or AWS4-ECDSA-P256-SHA256
	AccessKeyID   string
	Date          string // the credential scope's YYYYMMDD
	Region        string // the scope's region; empty for SigV4a
	Service       string
	Terminator    string // aws4_request when well formed
	SignedHeaders string // ';'-separated, as sent
	Signature     string // hex, as sent

	// Query form only.
	AmzDate       string // X-Amz-Date
	Expires       string // X-Amz-Expires, as sent
	SecurityToken string // X-Amz-Security-Token
	RegionSet     string // X-Amz-Region-Set (SigV4a)
}

// missing-parameter bits, in AWS's message order.
const (
	missCredential = 1 << iota
	missSignature
	missSignedHeaders
	missDate
)

// incompleteMessage builds AWS's IncompleteSignature text: one sentence per
// missing part, then "Authorization=<header>".
func incompleteMessage(missing int, header string) string {
	var b strings.Builder
	if missing&missCredential != 0 {
		b.WriteString("Authorization header requires 'Credential' parameter. ")
	}
	if missing&missSignature != 0 {
		b.WriteString("Authorization header requires 'Signature' parameter. ")
	}
	if missing&missSignedHeaders != 0 {
		b.WriteString("Authorization header requires 'SignedHeaders' parameter. ")
	}
	if missing&missDate != 0 {
		b.WriteString("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")
	}
	b.WriteString("Authorization=")
	b.WriteString(header)
	return b.String()
}

// parseHeader parses an Authorization header. It returns the bits of the
// missing parameters, or a non-nil error for a malformed header. An
// algorithm other than SigV4/SigV4a leaves everything missing, as AWS
// reports it.
func parseHeader(h string) (a Authorization, missing int, err *Error) {
	if parseHeaderFast(h, &a) {
		return a, 0, nil
	}
	return parseHeaderGeneral(h)
}

// parseHeaderGeneral is parseHeader for any form of the header.
func parseHeaderGeneral(h string) (a Authorization, missing int, err *Error) {
	missing = missCredential | missSignature | missSignedHeaders
	alg, rest, _ := strings.Cut(h, " ")
	if alg != AlgorithmV4 && alg != AlgorithmV4a {
		return a, missing, nil
	}
	a.Algorithm = alg
	var cred string
	// Parts are separated by commas and/or whitespace. Split on commas
	// (a fast byte search), then split a part again on inner whitespace.
	for rest != "" {
		var seg string
		if i := strings.IndexByte(rest, ','); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			seg, rest = rest, ""
		}
		for seg != "" {
			for seg != "" && (seg[0] == ' ' || seg[0] == '\t') {
				seg = seg[1:]
			}
			if seg == "" {
				break
			}
			tok := seg
			i := strings.IndexByte(seg, ' ')
			if j := strings.IndexByte(seg, '\t'); j >= 0 && (i < 0 || j < i) {
				i = j
			}
			if i >= 0 {
				tok, seg = seg[:i], seg[i+1:]
			} else {
				seg = ""
			}
			k, v, ok := strings.Cut(tok, "=")
			if !ok {
				return a, missing, newError(ErrIncompleteSignature, false,
					"'"+tok+"' not a valid key=value pair (missing equal-sign) in Authorization header: '"+h+"'.")
			}
			switch k {
			case "Credential":
				cred = v
				if v != "" {
					missing &^= missCredential
				}
			case "SignedHeaders":
				a.SignedHeaders = v
				if v != "" {
					missing &^= missSignedHeaders
				}
			case "Signature":
				a.Signature = v
				if v != "" {
					missing &^= missSignature
				}
			}
		}
	}
	if missing == 0 {
		if e := a.splitCredential(cred, false); e != nil {
			return a, missing, e
		}
	}
	return a, missing, nil
}

// parseHeaderFast parses the form every SDK writes,
//
//	ALG Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex
//
// with non-empty values holding no ',', ' ' or '\t' and a well-formed
// credential, and reports whether h had that form. On that form the general
// parser finds the same three tokens (so the same values); anything else
// is left to it.
func parseHeaderFast(h string, a *Authorization) bool {
	const (
		cred = " Credential="
		sh   = ", SignedHeaders="
		sig  = ", Signature="
	)
	var rest string
	switch {
	case len(h) > len(AlgorithmV4)+len(cred) && h[:len(AlgorithmV4)] == AlgorithmV4 && h[len(AlgorithmV4):len(AlgorithmV4)+len(cred)] == cred:
		a.Algorithm, rest = AlgorithmV4, h[len(AlgorithmV4)+len(cred):]
	case len(h) > len(AlgorithmV4a)+len(cred) && h[:len(AlgorithmV4a)] == AlgorithmV4a && h[len(AlgorithmV4a):len(AlgorithmV4a)+len(cred)] == cred:
		a.Algorithm, rest = AlgorithmV4a, h[len(AlgorithmV4a)+len(cred):]
	default:
		return false
	}
	c, rest, ok := cutValue(rest)
	if !ok || len(rest) <= len(sh) || rest[:len(sh)] != sh {
		return false
	}
	a.SignedHeaders, rest, ok = cutValue(rest[len(sh):])
	if !ok || len(rest) <= len(sig) || rest[:len(sig)] != sig {
		return false
	}
	a.Signature, rest, ok = cutValue(rest[len(sig):])
	if !ok || rest != "" {
		return false
	}
	return a.splitCredential(c, false) == nil
}

// cutValue returns the non-empty run of s up to the first ',' and what
// follows it; ok is false when the run is empty or holds a byte <= ' '
// (every separator the general parser knows but ',').
func cutValue(s string) (v, rest string, ok bool) {
	i := strings.IndexByte(s, ',')
	if i < 0 {
		i = len(s)
	}
	v, rest = s[:i], s[i:]
	return v, rest, i > 0 && indexControl(v) < 0
}

// splitCredential splits AKID/date/region/service/terminator (SigV4) or
// AKID/date/service/terminator (SigV4a).
func (a *Authorization) splitCredential(cred string, presigned bool) *Error {
	parts := 5
	if a.Algorithm == AlgorithmV4a {
		parts = 4
	}
	var p [5]string
	n := 0
	for n < parts-1 {
		i := strings.IndexByte(cred, '/')
		if i < 0 {
			break
		}
		p[n], cred = cred[:i], cred[i+1:]
		n++
	}
	p[n] = cred
	n++
	if n != parts || p[0] == "" {
		msg := "The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
		if presigned {
			msg = "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
		}
		if parts == 4 {
			msg = strings.Replace(msg, "/REGION/", "/", 1)
		}
		sentinel := ErrIncompleteSignature
		if presigned {
			sentinel = ErrAuthorizationQueryParameters
		}
		return newError(sentinel, presigned, msg)
	}
	a.AccessKeyID, a.Date = p[0], p[1]
	if parts == 5 {
		a.Region, a.Service, a.Terminator = p[2], p[3], p[4]
	} else {
		a.Service, a.Terminator = p[2], p[3]
	}
	return nil
}

// ParseAuthorization parses the value of an Authorization header of the form
//
//	AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/region/service/aws4_request, SignedHeaders=a;b, Signature=hex
//
// (or AWS4-ECDSA-P256-SHA256 with a scope without region). Parts are
// separated by commas and/or whitespace, as AWS accepts them. A missing
// part, a part that is not key=value or an unknown algorithm is an error
// wrapping ErrIncompleteSignature, with AWS's message. It never panics and
// does not check the scope's values (Verify does).
func ParseAuthorization(header string) (Authorization, error) {
	a, missing, err := parseHeader(header)
	if err != nil {
		return a, err
	}
	if missing != 0 {
		return a, newError(ErrIncompleteSignature, false, incompleteMessage(missing, header))
	}
	return a, nil
}

const presignRequiredMessage = "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."

// ParsePresigned parses the SigV4 parameters of a presigned URL's raw query
// (names and values percent-decoded; '+' is a literal plus). A missing
// required parameter is an error wrapping ErrAuthorizationQueryParameters
// with S3's message; an X-Amz-Algorithm other than SigV4/SigV4a is an error
// too. It never panics.
func ParsePresigned(rawQuery string) (Authorization, error) {
	var a Authorization
	var cred string
	var seen int
	for raw := rawQuery; raw != ""; {
		var piece string
		piece, raw, _ = strings.Cut(raw, "&")
		k, v, _ := strings.Cut(piece, "=")
		if len(k) < 10 || (k[0] != 'X' && k[0] != 'x') {
			continue
		}
		if v == "" {
			continue // an empty parameter counts as missing
		}
		switch decodeQueryComponent(k) {
		case "X-Amz-Algorithm":
			a.Algorithm, seen = decodeQueryComponent(v), seen|1
		case "X-Amz-Credential":
			cred, seen = decodeQueryComponent(v), seen|2
		case "X-Amz-Signature":
			a.Signature, seen = decodeQueryComponent(v), seen|4
		case "X-Amz-Date":
			a.AmzDate, seen = decodeQueryComponent(v), seen|8
		case "X-Amz-SignedHeaders":
			a.SignedHeaders, seen = decodeQueryComponent(v), seen|16
		case "X-Amz-Expires":
			a.Expires, seen = decodeQueryComponent(v), seen|32
		case "X-Amz-Security-Token":
			a.SecurityToken = decodeQueryComponent(v)
		case "X-Amz-Region-Set":
			a.RegionSet = decodeQueryComponent(v)
		}
	}
	if seen != 63 || a.Signature == "" || a.SignedHeaders == "" || cred == "" || a.AmzDate == "" || a.Expires == "" || a.Algorithm == "" {
		return a, newError(ErrAuthorizationQueryParameters, true, presignRequiredMessage)
	}
	if a.Algorithm != AlgorithmV4 && a.Algorithm != AlgorithmV4a {
		return a, newError(ErrAuthorizationQueryParameters, true,
			"X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\" and \"AWS4-ECDSA-P256-SHA256\"")
	}
	if err := a.splitCredential(cred, true); err != nil {
		return a, err
	}
	return a, nil
}

// hasPresignParams reports whether a raw query looks presigned (carries
// X-Amz-Algorithm, X-Amz-Credential or X-Amz-Signature).
func hasPresignParams(rawQuery string) bool {
	return strings.Contains(rawQuery, "X-Amz-Algorithm") || strings.Contains(rawQuery, "X-Amz-Credential") ||
		strings.Contains(rawQuery, "X-Amz-Signature")
}
