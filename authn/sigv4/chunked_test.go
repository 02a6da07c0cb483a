package sigv4_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// The S3 documentation's aws-chunked example ("Signature Calculations for
// the Authorization Header: Transferring Payload in Multiple Chunks"): a
// 66560-byte object of 'a' sent as chunks of 65536 and 1024 bytes and a
// final empty chunk.
const (
	s3ExampleAKID   = "AKIAIOSFODNN7EXAMPLE"
	s3ExampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	s3ExampleSeed   = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
)

var s3ExampleTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)

func s3ChunkedRequest(t *testing.T) *http.Request {
	t.Helper()
	r, err := http.NewRequest("PUT", "https://s3.amazonaws.com/examplebucket/chunkObject.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
	r.Header.Set("Content-Encoding", "aws-chunked")
	r.Header.Set("X-Amz-Decoded-Content-Length", "66560")
	r.ContentLength = 66824
	return r
}

func s3Keys() mapKeys {
	return mapKeys{s3ExampleAKID: {AccessKeyID: s3ExampleAKID, SecretAccessKey: s3ExampleSecret, Active: true}}
}

func TestChunkedS3Example(t *testing.T) {
	var signer sigv4.Signer
	c := sigv4.Credentials{AccessKeyID: s3ExampleAKID, SecretAccessKey: s3ExampleSecret}
	r := s3ChunkedRequest(t)
	if err := signer.Sign(r, c, sigv4.StreamingPayload, "s3", "us-east-1", s3ExampleTime, &sigv4.Options{S3: true}); err != nil {
		t.Fatal(err)
	}
	want := "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
		"SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class, " +
		"Signature=" + s3ExampleSeed
	if diff := cmp.Diff(want, r.Header.Get("Authorization")); diff != "" {
		t.Fatalf("seed Authorization (-want +got):\n%s", diff)
	}

	cs, err := sigv4.NewChunkSigner(c, "s3", "us-east-1", s3ExampleTime, s3ExampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	chunks := [][]byte{bytes.Repeat([]byte{'a'}, 65536), bytes.Repeat([]byte{'a'}, 1024), nil}
	wantSigs := []string{
		"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
		"0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
		"b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
	}
	var body []byte
	for i, ch := range chunks {
		before := len(body)
		body = cs.AppendChunk(body, ch)
		header, _, _ := bytes.Cut(body[before:], []byte("\r\n"))
		if got, want := string(header), strings.TrimLeft(hexLen(len(ch)), "0")+";chunk-signature="+wantSigs[i]; got != want && !(len(ch) == 0 && got == "0;chunk-signature="+wantSigs[i]) {
			t.Errorf("chunk %d header = %q, want %q", i, got, want)
		}
	}
	if len(body) != 66824 {
		t.Errorf("encoded length = %d, want the example's Content-Length 66824", len(body))
	}

	v := &sigv4.Verifier{Keys: s3Keys()}
	res, err := v.Verify(r, nil, s3ExampleTime)
	if err != nil {
		t.Fatal(err)
	}
	if res.PayloadHash != sigv4.StreamingPayload || res.DecodedContentLength != 66560 {
		t.Fatalf("Result = %+v", res)
	}
	got, err := io.ReadAll(sigv4.NewChunkedReader(bytes.NewReader(body), res))
	if err != nil {
		t.Fatalf("reading the chunked body: %v", err)
	}
	if !bytes.Equal(got, bytes.Repeat([]byte{'a'}, 66560)) {
		t.Fatalf("decoded %d bytes, not the 66560 'a' of the example", len(got))
	}

	// A changed byte in the second chunk: the first chunk is delivered,
	// nothing of the second.
	bad := bytes.Clone(body)
	bad[len(bad)-200] = 'b'
	got, err = io.ReadAll(sigv4.NewChunkedReader(bytes.NewReader(bad), res))
	if !errors.Is(err, sigv4.ErrSignatureDoesNotMatch) {
		t.Fatalf("tampered chunk: err = %v", err)
	}
	if len(got) != 65536 {
		t.Errorf("delivered %d bytes before the bad chunk, want 65536", len(got))
	}
	// A truncated body, a body without its final chunk, and a wrong decoded
	// length are framing errors.
	for name, b := range map[string][]byte{
		"truncated":      body[:1000],
		"no final chunk": body[:len(body)-len("0;chunk-signature=")-64-4],
	} {
		if _, err := io.ReadAll(sigv4.NewChunkedReader(bytes.NewReader(b), res)); !errors.Is(err, sigv4.ErrMalformedChunk) {
			t.Errorf("%s: err = %v, want ErrMalformedChunk", name, err)
		}
	}
	res2 := *res
	res2.DecodedContentLength = 5
	if _, err := io.ReadAll(sigv4.NewChunkedReader(bytes.NewReader(body), &res2)); !errors.Is(err, sigv4.ErrMalformedChunk) {
		t.Errorf("wrong decoded length: err = %v", err)
	}
	// A reader for a request that is not streaming refuses to read.
	res3 := *res
	res3.PayloadHash = sigv4.UnsignedPayload
	if _, err := io.ReadAll(sigv4.NewChunkedReader(bytes.NewReader(body), &res3)); err == nil {
		t.Error("NewChunkedReader accepted a non-streaming Result")
	}
}

func hexLen(n int) string {
	const digits = "0123456789abcdef"
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n >>= 4 {
		b = append([]byte{digits[n&15]}, b...)
	}
	return string(b)
}

func TestChunkedMalformedHeaders(t *testing.T) {
	res := &sigv4.Result{
		Algorithm: sigv4.AlgorithmV4, Service: "s3", Region: "us-east-1", Date: s3ExampleTime,
		Signature: s3ExampleSeed, PayloadHash: sigv4.StreamingPayload, DecodedContentLength: -1,
		Key: sigv4.Key{SecretAccessKey: s3ExampleSecret},
	}
	for _, body := range []string{
		"",
		"zz;chunk-signature=" + strings.Repeat("0", 64) + "\r\n",
		"5\r\nhello\r\n",
		"5;chunk-signature=abc\r\nhello\r\n",
		"123456789;chunk-signature=" + strings.Repeat("0", 64) + "\r\n",
		"5;chunk-signature=" + strings.Repeat("0", 64) + "\r\nhelloXX",
		strings.Repeat("1", 5000) + "\r\n",
	} {
		_, err := io.ReadAll(sigv4.NewChunkedReader(strings.NewReader(body), res))
		if !errors.Is(err, sigv4.ErrMalformedChunk) && !errors.Is(err, sigv4.ErrSignatureDoesNotMatch) {
			t.Errorf("body %.40q: err = %v", body, err)
		}
	}
}
