// Package sigv4 implements AWS Signature Version 4: signing, presigning and
// verifying HTTP requests exactly as AWS does, and fast enough to sit in
// front of every call of a simulated AWS endpoint.
//
// # Signing
//
// A [Signer] signs a request in place (header form) with [Signer.Sign], or
// returns a presigned URL with [Signer.Presign]. Signing builds the
// canonical request
//
//	Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
//
// hashes it into the string to sign
//
//	AWS4-HMAC-SHA256 \n YYYYMMDDTHHMMSSZ \n YYYYMMDD/region/service/aws4_request \n hex(SHA-256(canonical request))
//
// and signs that with the key derived from the secret, date, region and
// service (cached per access key, date, region and service). The rules are
// the ones of the AWS SigV4 test suite: for every service but S3 the path is
// normalised (RFC 3986 dot segments removed, repeated slashes collapsed) and
// encoded a second time; S3 paths are encoded once and kept as they are. The
// query is canonicalised from the raw query ('+' is a literal plus, ';' no
// separator), names and values encoded and sorted by name, then value.
// Header names are lower-cased, values trimmed and inner whitespace folded,
// repeated headers joined with ',' in order; host is always signed.
// [CanonicalRequest] and [StringToSign] expose the intermediate strings.
//
// # Verifying
//
// A [Verifier] authenticates a request in either form with
// [Verifier.Verify]: it parses the Authorization header or the presigned
// query, checks the credential scope, the clock skew (per service, see
// [DefaultSkew]) or the presigned validity window, resolves the access key
// through a [KeyResolver] (the identity store), checks the key is active,
// the session token and its expiry, the payload hash, and finally compares
// the signature in constant time. Failures are [*Error] values wrapping one
// of the sentinels (ErrSignatureDoesNotMatch, ErrInvalidAccessKeyID, ...)
// with the message AWS sends; [ErrorCode] and [ErrorMessage] give the code,
// HTTP status and message a real service returns on each wire protocol
// (query, json, rest-json, s3).
//
// # Streaming and SigV4a
//
// Bodies sent as STREAMING-AWS4-HMAC-SHA256-PAYLOAD (aws-chunked) are read
// through [NewChunkedReader], which checks each chunk's chained signature
// before returning its bytes; [ChunkSigner] produces such bodies. With
// [Options].SigV4a requests are signed with AWS4-ECDSA-P256-SHA256 (SigV4a)
// for a region set, using the P-256 key [DeriveKeyV4a] derives from the
// key pair; Verify accepts both algorithms.
//
// # Performance
//
// The canonical request is built into a pooled buffer and hashed once;
// HMACs resume from the SHA-256 states of the key's pads (no hmac.New);
// derived keys are cached; request headers are indexed in one pass, each
// key lower-cased once (a switch on the canonical forms of the common
// headers, folding for any other key), the well-known headers found by
// slot and the signed header list resolved against them once; the SDKs'
// form of the Authorization header is parsed on a fast path; the session
// token and the signature are compared in constant time eight bytes at a
// time; a verification allocates once (its Result). Signing a small JSON
// API request with an 800-byte session token takes about a third of the
// time of aws-sdk-go-v2's SignHTTP with 2 allocations instead of 45.
// Verifying it with a cached key costs a little over twice the SHA-256 work
// it cannot avoid (the body, the 1.1 KB canonical request, the HMAC:
// BenchmarkVerifyCryptoFloor, about 1.1 us on a 2-core machine); the rest,
// some 13 thousand instructions, is spread thin: the header map walked,
// the signed headers resolved, the canonical request copied, the token
// compared, the SHA-256 calls themselves and the Result. The benchmarks
// report per-thread CPU time (cpu-ns/op) beside wall time.
//
// Signer and Verifier are safe for concurrent use; the package has no
// goroutines and no mutable globals, and takes time as an argument.
package sigv4
