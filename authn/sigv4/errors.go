package sigv4

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error Verify returns wraps exactly one of the
// sentinels below in an *Error (match with errors.Is); the more specific ones
// themselves wrap a general one, so errors.Is(err, ErrSignatureDoesNotMatch)
// holds for ErrCredentialScope, ErrHeadersNotSigned and
// ErrContentSHA256Mismatch too. ErrorCode maps them to what a real service
// returns on each wire protocol.
var (
	// ErrMissingAuthenticationToken: the request carries neither an
	// Authorization header nor presigned query parameters.
	ErrMissingAuthenticationToken = errors.New("sigv4: missing authentication token")

	// ErrIncompleteSignature: the Authorization header is malformed (missing
	// Credential, SignedHeaders or Signature, a part that is not key=value, an
	// unsupported algorithm, a missing or malformed date, host not signed).
	ErrIncompleteSignature = errors.New("sigv4: incomplete signature")

	// ErrAuthorizationQueryParameters: the presigned query parameters are
	// missing or malformed (X-Amz-Expires out of range, ...).
	ErrAuthorizationQueryParameters = fmt.Errorf("%w: malformed presigned query parameters", ErrIncompleteSignature)

	// ErrInvalidAccessKeyID: the access key is unknown or inactive.
	ErrInvalidAccessKeyID = errors.New("sigv4: invalid access key id")

	// ErrInvalidToken: the session token is missing, does not belong to the
	// access key, or is sent with a long-term key.
	ErrInvalidToken = fmt.Errorf("%w: invalid session token", ErrInvalidAccessKeyID)

	// ErrSignatureDoesNotMatch: the signature does not match the request.
	ErrSignatureDoesNotMatch = errors.New("sigv4: signature does not match")

	// ErrCredentialScope: the credential scope names the wrong date, region,
	// service or terminator.
	ErrCredentialScope = fmt.Errorf("%w: invalid credential scope", ErrSignatureDoesNotMatch)

	// ErrHeadersNotSigned: host or an x-amz-* header is present but not signed.
	ErrHeadersNotSigned = fmt.Errorf("%w: headers not signed", ErrSignatureDoesNotMatch)

	// ErrContentSHA256Mismatch: x-amz-content-sha256 is not the SHA-256 of
	// the body.
	ErrContentSHA256Mismatch = fmt.Errorf("%w: x-amz-content-sha256 mismatch", ErrSignatureDoesNotMatch)

	// ErrExpiredToken: the temporary credentials have expired.
	ErrExpiredToken = errors.New("sigv4: expired token")

	// ErrRequestExpired: the request is outside its validity window.
	ErrRequestExpired = errors.New("sigv4: request expired")

	// ErrSignatureExpired: the signing time of a header-signed request is
	// outside the clock-skew window (too old or too far in the future).
	ErrSignatureExpired = fmt.Errorf("%w: signature expired", ErrRequestExpired)

	// ErrPresignExpired: a presigned URL is used after X-Amz-Date +
	// X-Amz-Expires, or before X-Amz-Date minus the clock skew.
	ErrPresignExpired = fmt.Errorf("%w: presigned request expired", ErrRequestExpired)

	// ErrMalformedChunk: an aws-chunked body is not framed correctly.
	ErrMalformedChunk = errors.New("sigv4: malformed aws-chunked body")
)

// Error is the error Verify returns: a sentinel (Err) and the message the AWS
// service sends. Messages never contain a secret access key or a session
// token.
type Error struct {
	// Err is the most specific sentinel; Unwrap returns it.
	Err error
	// Message is AWS's message for the query and JSON protocols; see
	// ErrorMessage for the S3 text where it differs.
	Message string
	// Presigned reports that the request used the query (presigned) form.
	Presigned bool
	// CanonicalRequest and StringToSign are set on signature mismatches to
	// help debug a client (S3 returns them in its error body). The session
	// token, if any, is replaced by "<redacted>".
	CanonicalRequest, StringToSign string
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

func newError(sentinel error, presigned bool, msg string) *Error {
	return &Error{Err: sentinel, Message: msg, Presigned: presigned}
}

// Protocols understood by ErrorCode and ErrorMessage.
const (
	ProtocolQuery    = "query"     // IAM, STS, SNS, EC2 ... (XML errors)
	ProtocolJSON     = "json"      // awsJson1.0/1.1 (DynamoDB, Kinesis, Inspector2 ...)
	ProtocolRESTJSON = "rest-json" // restJson1 (same codes as json)
	ProtocolS3       = "s3"        // S3 REST-XML
)

type codeStatus struct {
	code   string
	status int
}

// errTable maps each sentinel to the code and status per protocol family
// (query, json, s3). Specific sentinels come before general ones: the first
// match wins.
var errTable = []struct {
	err             error
	query, json, s3 codeStatus
	s3Presigned     codeStatus
	s3Message       string
}{
	{err: ErrMissingAuthenticationToken,
		query: codeStatus{"MissingAuthenticationToken", 403}, json: codeStatus{"MissingAuthenticationTokenException", 403},
		s3: codeStatus{"AccessDenied", 403}, s3Message: "Access Denied"},
	{err: ErrAuthorizationQueryParameters,
		query: codeStatus{"IncompleteSignature", 403}, json: codeStatus{"IncompleteSignatureException", 400},
		s3: codeStatus{"AuthorizationQueryParametersError", 400}},
	{err: ErrIncompleteSignature,
		query: codeStatus{"IncompleteSignature", 403}, json: codeStatus{"IncompleteSignatureException", 400},
		s3: codeStatus{"AuthorizationHeaderMalformed", 400}, s3Presigned: codeStatus{"AuthorizationQueryParametersError", 400}},
	{err: ErrInvalidToken,
		query: codeStatus{"InvalidClientTokenId", 403}, json: codeStatus{"UnrecognizedClientException", 400},
		s3: codeStatus{"InvalidToken", 400}, s3Message: "The provided token is malformed or otherwise invalid."},
	{err: ErrInvalidAccessKeyID,
		query: codeStatus{"InvalidClientTokenId", 403}, json: codeStatus{"UnrecognizedClientException", 400},
		s3: codeStatus{"InvalidAccessKeyId", 403}, s3Message: "The AWS Access Key Id you provided does not exist in our records."},
	{err: ErrCredentialScope,
		query: codeStatus{"SignatureDoesNotMatch", 403}, json: codeStatus{"InvalidSignatureException", 400},
		s3: codeStatus{"AuthorizationHeaderMalformed", 400}, s3Presigned: codeStatus{"AuthorizationQueryParametersError", 400}},
	{err: ErrHeadersNotSigned,
		query: codeStatus{"SignatureDoesNotMatch", 403}, json: codeStatus{"InvalidSignatureException", 400},
		s3: codeStatus{"AccessDenied", 403}, s3Message: "There were headers present in the request which were not signed"},
	{err: ErrContentSHA256Mismatch,
		query: codeStatus{"SignatureDoesNotMatch", 403}, json: codeStatus{"InvalidSignatureException", 400},
		s3: codeStatus{"XAmzContentSHA256Mismatch", 400}, s3Message: "The provided 'x-amz-content-sha256' header does not match what was computed."},
	{err: ErrSignatureDoesNotMatch,
		query: codeStatus{"SignatureDoesNotMatch", 403}, json: codeStatus{"InvalidSignatureException", 400},
		s3: codeStatus{"SignatureDoesNotMatch", 403}, s3Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method."},
	{err: ErrExpiredToken,
		query: codeStatus{"ExpiredToken", 403}, json: codeStatus{"ExpiredTokenException", 403},
		s3: codeStatus{"ExpiredToken", 400}, s3Message: "The provided token has expired."},
	{err: ErrSignatureExpired,
		query: codeStatus{"SignatureDoesNotMatch", 403}, json: codeStatus{"InvalidSignatureException", 400},
		s3: codeStatus{"RequestTimeTooSkewed", 403}, s3Message: "The difference between the request time and the current time is too large."},
	{err: ErrPresignExpired,
		query: codeStatus{"RequestExpired", 400}, json: codeStatus{"InvalidSignatureException", 400},
		s3: codeStatus{"AccessDenied", 403}},
	{err: ErrRequestExpired,
		query: codeStatus{"RequestExpired", 400}, json: codeStatus{"InvalidSignatureException", 400},
		s3: codeStatus{"AccessDenied", 403}},
	{err: ErrMalformedChunk,
		query: codeStatus{"IncompleteSignature", 400}, json: codeStatus{"IncompleteSignatureException", 400},
		s3: codeStatus{"IncompleteBody", 400}},
}

// ErrorCode maps an error from this package to the AWS error code and HTTP
// status a real service returns on the given protocol: "query" (IAM, STS,
// SNS ...), "json" or "rest-json" (DynamoDB, Kinesis, Inspector2 ...) or
// "s3". An unknown protocol is treated as "query". Errors that wrap none of
// the sentinels map to InternalFailure (InternalError for S3) and 500; nil
// maps to ("", 200).
//
// The codes follow what services are observed to return: a clock-skew
// failure is SignatureDoesNotMatch on the query protocol ("Signature
// expired: ..."), InvalidSignatureException on JSON and RequestTimeTooSkewed
// on S3; an expired presigned URL is RequestExpired on the query protocol and
// AccessDenied ("Request has expired") on S3.
func ErrorCode(err error, protocol string) (code string, status int) {
	if err == nil {
		return "", 200
	}
	var presigned bool
	var e *Error
	if errors.As(err, &e) {
		presigned = e.Presigned
	}
	for _, row := range errTable {
		if !errors.Is(err, row.err) {
			continue
		}
		var cs codeStatus
		switch protocol {
		case ProtocolJSON, ProtocolRESTJSON:
			cs = row.json
		case ProtocolS3:
			cs = row.s3
			if presigned && row.s3Presigned.code != "" {
				cs = row.s3Presigned
			}
		default:
			cs = row.query
		}
		return cs.code, cs.status
	}
	if protocol == ProtocolS3 {
		return "InternalError", 500
	}
	return "InternalFailure", 500
}

// ErrorMessage returns the message a real service sends with the error on
// the given protocol. For "query" and "json" it is the error's own message;
// S3 words some errors differently ("The AWS Access Key Id you provided does
// not exist in our records.", "Request has expired", ...).
func ErrorMessage(err error, protocol string) string {
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) {
		return "We encountered an internal error. Please try again."
	}
	if protocol != ProtocolS3 {
		return e.Message
	}
	for _, row := range errTable {
		if errors.Is(err, row.err) {
			if row.s3Message != "" {
				return row.s3Message
			}
			break
		}
	}
	return e.Message
}
