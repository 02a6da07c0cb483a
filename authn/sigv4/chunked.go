package sigv4

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"time"
)

// MaxChunkSize bounds one chunk of an aws-chunked body read by
// NewChunkedReader (a chunk is buffered until its signature is checked).
const MaxChunkSize = 16 << 20

// chunkSignature computes the signature of one chunk:
//
//	HMAC(kSigning, "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" +
//	     previous signature + "\n" + hex(SHA-256("")) + "\n" + hex(SHA-256(chunk)))
func chunkSignature(key *[32]byte, amzDate, scope string, prev *[64]byte, data []byte) [32]byte {
	var b [64 + 25 + 17 + 128 + 65 + 65 + 64]byte
	in := appendIpad(b[:0], key)
	in = append(in, "AWS4-HMAC-SHA256-PAYLOAD\n"...)
	in = append(in, amzDate...)
	in = append(in, '\n')
	in = append(in, scope...)
	in = append(in, '\n')
	in = append(in, prev[:]...)
	in = append(in, '\n')
	in = append(in, EmptyPayloadHash...)
	in = append(in, '\n')
	sum := sha256.Sum256(data)
	in = hex.AppendEncode(in, sum[:])
	inner := sha256.Sum256(in)
	return hmacFinish(key, &inner)
}

// ChunkSigner signs the chunks of an aws-chunked body
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), each signature chained to the
// previous one starting from the seed (the request's own signature). Not
// safe for concurrent use: chunks are signed in order.
type ChunkSigner struct {
	key     [32]byte
	amzDate string
	scope   string
	prev    [64]byte
}

// NewChunkSigner returns a ChunkSigner for a request signed at t for region
// and service whose Authorization signature is seedSignature.
func NewChunkSigner(c Credentials, service, region string, t time.Time, seedSignature string) (*ChunkSigner, error) {
	var seed [32]byte
	if !decodeSig(seedSignature, &seed) {
		return nil, errors.New("sigv4: the seed signature must be 64 lower-case hex digits")
	}
	t = t.UTC()
	d := fmtAmzDate(t)
	s := &ChunkSigner{
		key:     deriveSigningKey(c.SecretAccessKey, d[:8], region, service),
		amzDate: d,
		scope:   d[:8] + "/" + region + "/" + service + "/" + terminator,
	}
	copy(s.prev[:], seedSignature)
	return s, nil
}

// Sign returns the signature of the next chunk (the final chunk is the
// empty one) and makes it the previous signature.
func (s *ChunkSigner) Sign(chunk []byte) string {
	sum := chunkSignature(&s.key, s.amzDate, s.scope, &s.prev, chunk)
	hex.Encode(s.prev[:], sum[:])
	return string(s.prev[:])
}

// AppendChunk appends the framed, signed chunk
// hex(len);chunk-signature=<sig>\r\n<chunk>\r\n to dst.
func (s *ChunkSigner) AppendChunk(dst, chunk []byte) []byte {
	sig := s.Sign(chunk)
	dst = strconv.AppendInt(dst, int64(len(chunk)), 16)
	dst = append(dst, ";chunk-signature="...)
	dst = append(dst, sig...)
	dst = append(dst, '\r', '\n')
	dst = append(dst, chunk...)
	return append(dst, '\r', '\n')
}

type chunkedReader struct {
	br      *bufio.Reader
	key     [32]byte
	amzDate string
	scope   string
	prev    [64]byte
	buf     []byte
	off     int
	total   int64
	want    int64
	err     error
}

// NewChunkedReader returns a reader of the payload of an aws-chunked body
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) whose request res describes (as
// Verify returned it: the seed is res.Signature, the key res.Key). Each
// chunk is buffered (up to MaxChunkSize) and its signature checked before
// any of its bytes are returned; the first bad chunk makes Read return an
// error wrapping ErrSignatureDoesNotMatch, and bad framing, a missing final
// chunk or a total that differs from res.DecodedContentLength (when known) an
// error wrapping ErrMalformedChunk.
func NewChunkedReader(body io.Reader, res *Result) io.Reader {
	cr := &chunkedReader{br: bufio.NewReaderSize(body, 4096), want: -1}
	if res == nil || res.PayloadHash != StreamingPayload || res.Algorithm != AlgorithmV4 || !decodeSig(res.Signature, new([32]byte)) {
		cr.err = errors.New("sigv4: NewChunkedReader needs the Result of a verified STREAMING-AWS4-HMAC-SHA256-PAYLOAD request")
		return cr
	}
	d := fmtAmzDate(res.Date)
	cr.key = deriveSigningKey(res.Key.SecretAccessKey, d[:8], res.Region, res.Service)
	cr.amzDate = d
	cr.scope = d[:8] + "/" + res.Region + "/" + res.Service + "/" + terminator
	copy(cr.prev[:], res.Signature)
	cr.want = res.DecodedContentLength
	return cr
}

var errIncompleteBody = &Error{Err: ErrMalformedChunk, Message: "You did not provide the number of bytes specified by the Content-Length HTTP header."}

func malformedChunk(msg string) *Error { return &Error{Err: ErrMalformedChunk, Message: msg} }

func (cr *chunkedReader) Read(p []byte) (int, error) {
	for cr.off >= len(cr.buf) {
		if cr.err != nil {
			return 0, cr.err
		}
		cr.err = cr.next()
	}
	n := copy(p, cr.buf[cr.off:])
	cr.off += n
	return n, nil
}

// next reads, checks and buffers one chunk. After the final chunk it
// returns io.EOF.
func (cr *chunkedReader) next() error {
	line, err := cr.br.ReadSlice('\n')
	if err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return errIncompleteBody
		}
		if err == bufio.ErrBufferFull {
			return malformedChunk("The chunk header line is too long.")
		}
		return err
	}
	line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte{'\n'}), []byte{'\r'})
	sizeHex, ext, ok := bytes.Cut(line, []byte(";"))
	sigHex, ok2 := bytes.CutPrefix(ext, []byte("chunk-signature="))
	if !ok || !ok2 || len(sizeHex) == 0 || len(sizeHex) > 8 {
		return malformedChunk("The chunk header is malformed: want hex(size);chunk-signature=<signature>.")
	}
	size, err := strconv.ParseInt(string(sizeHex), 16, 64)
	if err != nil || size < 0 {
		return malformedChunk("The chunk size is not a hex number.")
	}
	if size > MaxChunkSize {
		return malformedChunk("The chunk is larger than " + strconv.Itoa(MaxChunkSize) + " bytes.")
	}
	var got [32]byte
	if !decodeSig(string(sigHex), &got) {
		return newError(ErrSignatureDoesNotMatch, false, msgSignature)
	}
	if int64(cap(cr.buf)) < size {
		cr.buf = make([]byte, size)
	}
	cr.buf, cr.off = cr.buf[:size], 0
	if _, err := io.ReadFull(cr.br, cr.buf); err != nil {
		cr.buf = cr.buf[:0]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return errIncompleteBody
		}
		return err
	}
	var crlf [2]byte
	if _, err := io.ReadFull(cr.br, crlf[:]); err != nil || crlf != [2]byte{'\r', '\n'} {
		cr.buf = cr.buf[:0]
		return malformedChunk("A chunk's data must be followed by CRLF.")
	}
	want := chunkSignature(&cr.key, cr.amzDate, cr.scope, &cr.prev, cr.buf)
	if !hmac.Equal(want[:], got[:]) {
		cr.buf = cr.buf[:0]
		return newError(ErrSignatureDoesNotMatch, false, msgSignature)
	}
	hex.Encode(cr.prev[:], got[:]) // sigHex points into the reader's buffer, overwritten by now
	cr.total += size
	if size == 0 {
		if cr.want >= 0 && cr.total != cr.want {
			return malformedChunk("The decoded length " + strconv.FormatInt(cr.total, 10) +
				" does not match X-Amz-Decoded-Content-Length " + strconv.FormatInt(cr.want, 10) + ".")
		}
		return io.EOF
	}
	return nil
}
