package sigv4interop_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// The same small JSON API request for both signers: POST with
// content-length, content-type, host, x-amz-date, x-amz-security-token (an
// 800-byte token) and x-amz-target, and a ~100-byte body; the payload hash
// is computed once outside the loop (SignHTTP requires it).
var (
	benchToken = func() string {
		b := make([]byte, 600)
		for i := range b {
			b[i] = byte(i * 7)
		}
		return base64.StdEncoding.EncodeToString(b)
	}()
	benchBody = []byte(`{"TableName":"Music","Key":{"Artist":{"S":"No One You Know"},"SongTitle":{"S":"Call Me Today"}}}  `)
	benchTime = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
)

const (
	benchAKID   = "ASIAIOSFODNN7EXAMPLE"
	benchSecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
)

func benchRequest(tb testing.TB) *http.Request {
	r, err := http.NewRequest("POST", "https://dynamodb.us-east-1.amazonaws.com/", bytes.NewReader(benchBody))
	if err != nil {
		tb.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/x-amz-json-1.0")
	r.Header.Set("X-Amz-Target", "DynamoDB_20120810.GetItem")
	return r
}

func benchPayloadHash() string {
	s := sha256.Sum256(benchBody)
	return hex.EncodeToString(s[:])
}

func BenchmarkSignSDK(b *testing.B) {
	s := v4.NewSigner()
	r := benchRequest(b)
	ph := benchPayloadHash()
	creds := aws.Credentials{AccessKeyID: benchAKID, SecretAccessKey: benchSecret, SessionToken: benchToken}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SignHTTP(ctx, creds, r, ph, "dynamodb", "us-east-1", benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSignOurs(b *testing.B) {
	var s sigv4.Signer
	r := benchRequest(b)
	ph := benchPayloadHash()
	creds := sigv4.Credentials{AccessKeyID: benchAKID, SecretAccessKey: benchSecret, SessionToken: benchToken}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Sign(r, creds, ph, "dynamodb", "us-east-1", benchTime, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPresignSDK(b *testing.B) {
	s := v4.NewSigner()
	r := benchRequest(b)
	r.URL.RawQuery = "X-Amz-Expires=3600"
	ph := benchPayloadHash()
	creds := aws.Credentials{AccessKeyID: benchAKID, SecretAccessKey: benchSecret, SessionToken: benchToken}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.PresignHTTP(ctx, creds, r, ph, "dynamodb", "us-east-1", benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPresignOurs(b *testing.B) {
	var s sigv4.Signer
	r := benchRequest(b)
	creds := sigv4.Credentials{AccessKeyID: benchAKID, SecretAccessKey: benchSecret, SessionToken: benchToken}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Presign(r, creds, "dynamodb", "us-east-1", benchTime, time.Hour, nil); err != nil {
			b.Fatal(err)
		}
	}
}
