package authn_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// The Directory is the Verifier's KeyResolver: requests signed with a
// user's key or a session's credentials verify to their identity, and stop
// verifying when the key is deactivated or the session expires.
func TestDirectoryAsKeyResolver(t *testing.T) {
	w := newWorld(t)
	caller := w.assumeSetup(t, trustAWS(acctA))
	k := must[authn.AccessKey](t)(w.a.CreateAccessKey("caller"))
	out := must[*authn.AssumeRoleOutput](t)(w.d.AssumeRole(caller, authn.AssumeRoleInput{RoleARN: roleARN(acctA, "target"), RoleSessionName: "sig", DurationSeconds: 900}))
	var signer sigv4.Signer
	v := &sigv4.Verifier{Keys: w.d}
	send := func(c sigv4.Credentials) (*sigv4.Result, error) {
		body := "Action=GetCallerIdentity&Version=2011-06-15"
		r, err := http.NewRequest(http.MethodPost, "https://sts.amazonaws.com/", strings.NewReader(body))
		ok(t, err)
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		now := w.clock.Now()
		ok(t, signer.Sign(r, c, "", "sts", "us-east-1", now, nil))
		return v.Verify(r, []byte(body), now)
	}
	res, err := send(sigv4.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey})
	ok(t, err)
	if id, _ := res.Key.Principal.(*authn.Identity); id == nil || id.Principal.ARN != caller.ARN {
		t.Errorf("verified principal = %#v", res.Key.Principal)
	}
	sess := sigv4.Credentials{AccessKeyID: out.Credentials.AccessKeyID, SecretAccessKey: out.Credentials.SecretAccessKey, SessionToken: out.Credentials.SessionToken}
	res, err = send(sess)
	ok(t, err)
	if id, _ := res.Key.Principal.(*authn.Identity); id == nil || id.Principal.ARN != out.AssumedRoleUser.ARN {
		t.Errorf("verified session principal = %#v", res.Key.Principal)
	}
	bad := sess
	bad.SessionToken = "forged"
	if _, err := send(bad); !errors.Is(err, sigv4.ErrInvalidAccessKeyID) {
		t.Errorf("forged session token: %v", err)
	}
	ok(t, w.a.UpdateAccessKey("caller", k.AccessKeyID, authn.StatusInactive))
	if _, err := send(sigv4.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey}); !errors.Is(err, sigv4.ErrInvalidAccessKeyID) {
		t.Errorf("inactive key: %v", err)
	}
	w.clock.Advance(15 * time.Minute)
	if _, err := send(sess); !errors.Is(err, sigv4.ErrExpiredToken) {
		t.Errorf("expired session: %v", err)
	}
	if _, err := send(sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "x"}); !errors.Is(err, sigv4.ErrInvalidAccessKeyID) {
		t.Errorf("unknown key: %v", err)
	}
}
