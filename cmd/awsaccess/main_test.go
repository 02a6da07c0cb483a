package main

import (
	"bytes"
	"context"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestEval(t *testing.T) {
	dir := t.TempDir()
	write := func(name, doc string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	id := write("id.json", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`)
	scp := write("scp.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`)
	var out, errb bytes.Buffer
	code := run([]string{"eval", "-identity", id, "-action", "s3:GetObject", "-resource", "arn:aws:s3:::b/k", "-context", "aws:RequestedRegion=eu-west-1", "-scp", scp}, &out, &errb)
	if code != 0 || !strings.HasPrefix(out.String(), "allowed:") {
		t.Errorf("eval in eu-west-1: exit %d\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	code = run([]string{"eval", "-identity", id, "-action", "s3:GetObject", "-resource", "arn:aws:s3:::b/k", "-context", "aws:RequestedRegion=us-east-1", "-scp", scp}, &out, &errb)
	if code != 1 || !strings.Contains(out.String(), "with an explicit deny in a service control policy") {
		t.Errorf("eval in us-east-1: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if code := run([]string{"eval", "-action", "s3:GetObject", "-identity", write("bad.json", `{"Statement":[]}`)}, &out, &errb); code != 2 {
		t.Errorf("malformed policy: exit %d, want 2", code)
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, []string{"-addr", "127.0.0.1:0", "-quiet", "-clock", "2026-11-23T12:00:00Z"}, &out, &errb, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, errb.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	resp, err := http.Post("http://"+addr+"/", "application/x-www-form-urlencoded", strings.NewReader("Action=GetCallerIdentity&Version=2011-06-15"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 403 || !strings.Contains(string(body), "MissingAuthenticationToken") {
		t.Errorf("unsigned call: %d %s", resp.StatusCode, body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d: %s", code, errb.String())
	}
	for _, want := range []string{"awsaccess serving on http://", "export AWS_ACCESS_KEY_ID=AKIA", "# account 111111111111, user admin", "awsaccess stopped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) lock() {
	if b.mu == nil {
		b.mu = make(chan struct{}, 1)
	}
	b.mu <- struct{}{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.lock()
	defer func() { <-b.mu }()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.lock()
	defer func() { <-b.mu }()
	return b.buf.String()
}

// runServe starts serve with args and returns its address and a function
// that stops it and returns its exit code and output.
func runServe(t *testing.T, args ...string) (string, func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() { done <- serve(ctx, args, &out, &errb, ready) }()
	select {
	case addr := <-ready:
		return addr, func() (int, string) {
			cancel()
			code := <-done
			return code, out.String() + errb.String()
		}
	case code := <-done:
		cancel()
		t.Fatalf("serve exited %d: %s", code, errb.String())
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("serve did not start")
	}
	return "", nil
}

// TestServeSaveRestore: -save writes the world when the server stops, and
// -restore starts from it: the keys the first run printed still sign.
func TestServeSaveRestore(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
	_, stop := runServe(t, "-addr", "127.0.0.1:0", "-quiet", "-save", first)
	code, out := stop()
	if code != 0 || !strings.Contains(out, "snapshot written to "+first) {
		t.Fatalf("first run exited %d:\n%s", code, out)
	}
	m := regexp.MustCompile(`# account 111111111111, user admin\nexport AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no admin key in the output:\n%s", out)
	}
	addr, stop := runServe(t, "-addr", "127.0.0.1:0", "-quiet", "-restore", first, "-save", second)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/", strings.NewReader("Action=GetCallerIdentity&Version=2011-06-15"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	var s sigv4.Signer
	if err := s.Sign(req, sigv4.Credentials{AccessKeyID: m[1], SecretAccessKey: m[2]}, "", "sts", "us-east-1", time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "arn:aws:iam::111111111111:user/admin") {
		t.Errorf("GetCallerIdentity on the restored server: %d %s", resp.StatusCode, body)
	}
	if code, out := stop(); code != 0 || !strings.Contains(out, "restored from "+first) {
		t.Fatalf("second run exited %d:\n%s", code, out)
	}
	if _, err := os.Stat(second); err != nil {
		t.Errorf("the second run wrote no snapshot: %v", err)
	}
	var errb syncBuffer
	if code := serve(context.Background(), []string{"-restore", first, "-world", first}, io.Discard, &errb, nil); code != 2 {
		t.Errorf("-restore with -world: exit %d, want 2 (%s)", code, errb.String())
	}
}
