package sigv4_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// keyStore is a minimal identity store: access key id to key.
type keyStore map[string]sigv4.Key

func (s keyStore) LookupKey(id string) (sigv4.Key, error) {
	if k, ok := s[id]; ok {
		return k, nil
	}
	return sigv4.Key{}, fmt.Errorf("no key %s: %w", id, sigv4.ErrInvalidAccessKeyID)
}

// A client signs a request; the service verifies it and learns who sent it.
func ExampleSigner_Sign() {
	signedAt := time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
	creds := sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}

	r, _ := http.NewRequest("POST", "https://sts.amazonaws.com/", strings.NewReader("Action=GetCallerIdentity&Version=2011-06-15"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var signer sigv4.Signer
	if err := signer.Sign(r, creds, "", "sts", "us-east-1", signedAt, nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Header.Get("Authorization"))

	verifier := &sigv4.Verifier{Keys: keyStore{
		"AKIDEXAMPLE": {AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Active: true, Principal: "user/alice"},
	}}
	body := []byte("Action=GetCallerIdentity&Version=2011-06-15")
	res, err := verifier.Verify(r, body, signedAt.Add(time.Minute))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Key.Principal, res.Service, res.Region)

	// Sixteen minutes later the request is too old for STS.
	_, err = verifier.Verify(r, body, signedAt.Add(16*time.Minute))
	code, status := sigv4.ErrorCode(err, "query")
	fmt.Println(code, status, errors.Is(err, sigv4.ErrRequestExpired))
	fmt.Println(err)
	// Output:
	// AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=449e3c6b1eccb84e722c36a7ab8b12f13cfc02d4fb8135fd46e2c2fd2c3e2f6d
	// user/alice sts us-east-1
	// SignatureDoesNotMatch 403 true
	// Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)
}

// A presigned URL carries its signature in the query; anyone holding it may
// use it until it expires. (This is the S3 documentation's presigned URL
// example, signature included.)
func ExampleSigner_Presign() {
	signedAt := time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}

	r, _ := http.NewRequest("GET", "https://examplebucket.s3.amazonaws.com/test.txt", nil)
	var signer sigv4.Signer
	u, err := signer.Presign(r, creds, "s3", "us-east-1", signedAt, 24*time.Hour, &sigv4.Options{S3: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u)

	verifier := &sigv4.Verifier{Keys: keyStore{
		"AKIAIOSFODNN7EXAMPLE": {SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Active: true},
	}}
	get, _ := http.NewRequest("GET", u, nil)
	res, err := verifier.Verify(get, nil, signedAt.Add(time.Hour))
	fmt.Println(res.Presigned, res.Expires, err)
	_, err = verifier.Verify(get, nil, signedAt.Add(25*time.Hour))
	code, status := sigv4.ErrorCode(err, "s3")
	fmt.Println(code, status, err)
	// Output:
	// https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404
	// true 24h0m0s <nil>
	// AccessDenied 403 Request has expired
}
