package authn_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"pgregory.net/rapid"
)

// replayTrust lets any principal assume the role, and EC2 too.
const replayTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*","Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}`

// drawSnapOp draws one call among those that change or read the
// Directory, with arguments from small sets so that calls meet each
// other's entities.
func drawSnapOp(t *rapid.T) snapOp {
	acct := rapid.SampledFrom([]string{acctA, acctA, acctB}).Draw(t, "account")
	user := rapid.SampledFrom([]string{"alice", "bob", "Alice"}).Draw(t, "user")
	keyUser := rapid.SampledFrom([]string{"alice", "bob", ""}).Draw(t, "keyUser")
	label := rapid.SampledFrom([]string{"c1", "c2", "c3", "c4"}).Draw(t, "label")
	caller := rapid.SampledFrom([]string{"c1", "c2", "c3", "c4"}).Draw(t, "caller")
	group := rapid.SampledFrom([]string{"devs", "ops"}).Draw(t, "group")
	policy := rapid.SampledFrom([]string{"p1", "p2"}).Draw(t, "policy")
	roleName := rapid.SampledFrom([]string{"r1", "r2"}).Draw(t, "role")
	device := rapid.SampledFrom([]string{"m1", "m2"}).Draw(t, "device")
	instance := rapid.SampledFrom([]string{"i-00000001", "i-00000002"}).Draw(t, "instance")
	doc := rapid.SampledFrom([]string{snapDoc, snapDoc2, allow("sts:*", "*")}).Draw(t, "document")
	switch rapid.IntRange(0, 27).Draw(t, "op") {
	case 0:
		return opCreateUser(acct, user, authn.Tag{Key: "k", Value: user})
	case 1:
		return opCreateKey(acct, keyUser, label)
	case 2:
		return opKeyStatus(acct, keyUser, label, rapid.SampledFrom(authn.StatusType("").Values()).Draw(t, "status"))
	case 3:
		return opDeleteKey(acct, keyUser, label)
	case 4:
		return opUse(label)
	case 5:
		return opAdvance(rapid.SampledFrom([]time.Duration{time.Second, authn.TOTPStep, 10 * time.Minute, time.Hour, 7 * time.Hour, 13 * time.Hour}).Draw(t, "advance"))
	case 6:
		return opCreateGroup(acct, group)
	case 7:
		return opAddToGroup(acct, group, user)
	case 8:
		return opRemoveFromGroup(acct, group, user)
	case 9:
		return opCreatePolicy(acct, policy, doc)
	case 10:
		return opPolicyVersion(acct, policy, doc, rapid.Bool().Draw(t, "default"))
	case 11:
		return opDeletePolicyVersion(acct, policy, rapid.SampledFrom([]string{"v1", "v2", "v3"}).Draw(t, "version"))
	case 12:
		kind := rapid.SampledFrom([]string{"user", "group", "role"}).Draw(t, "kind")
		entity := map[string]string{"user": user, "group": group, "role": roleName}[kind]
		arn := rapid.SampledFrom([]string{policyARN(acct, policy), "arn:aws:iam::aws:policy/ReadOnlyAccess"}).Draw(t, "arn")
		return opAttach(acct, kind, entity, arn)
	case 13:
		kind := rapid.SampledFrom([]string{"user", "group", "role"}).Draw(t, "kind")
		entity := map[string]string{"user": user, "group": group, "role": roleName}[kind]
		return opPutInline(acct, kind, entity, "inline", doc)
	case 14:
		return opCreateRole(acct, roleName, replayTrust)
	case 15:
		in := authn.AssumeRoleInput{}
		if rapid.Bool().Draw(t, "sessionPolicy") {
			in.Policy = allow("s3:*", "*")
			in.Tags = []authn.Tag{{Key: "t", Value: label}}
			in.TransitiveTagKeys = []string{"t"}
		}
		if rapid.Bool().Draw(t, "mfa") {
			in.SerialNumber = mfaSerial(acct, device)
		}
		return opAssumeRole(caller, acct, roleName, label, in)
	case 16:
		serial := ""
		if rapid.Bool().Draw(t, "mfa") {
			serial = mfaSerial(acct, device)
		}
		return opSessionToken(caller, label, serial)
	case 17:
		return opFederationToken(caller, label)
	case 18:
		return opCreateMFA(acct, device)
	case 19:
		return opEnableMFA(acct, keyUser, device)
	case 20:
		return opDeactivateMFA(acct, keyUser, device)
	case 21:
		return opLogin(acct, keyUser, rapid.SampledFrom([]string{"Pass-word-1", "Pass-word-2", "weak"}).Draw(t, "password"), rapid.Bool().Draw(t, "update"))
	case 22:
		mfa := ""
		if rapid.Bool().Draw(t, "mfa") {
			mfa = device
		}
		return opSignIn(acct, keyUser, rapid.SampledFrom([]string{"Pass-word-1", "Pass-word-2"}).Draw(t, "password"), mfa)
	case 23:
		return opProfile(acct, "prof-"+roleName, roleName, instance)
	case 24:
		return opIMDS(instance, roleName, rapid.Bool().Draw(t, "newToken"))
	case 25:
		return opLook(acct)
	case 26:
		return snapOp{"DeleteUser " + user, onAcct(acct, func(a *authn.Account) any { return res(nil, a.DeleteUser(user)) })}
	default:
		return snapOp{"DeleteRole " + roleName, onAcct(acct, func(a *authn.Account) any { return res(nil, a.DeleteRole(roleName)) })}
	}
}

// snapshotReplay: random calls, a snapshot at a random point restored
// into a second Directory, the rest of the calls on both: every result is
// the same, and so are the final snapshots; a snapshot restored and taken
// again is byte for byte the same.
func snapshotReplay(t *rapid.T) {
	// A world to start from, so that random calls find entities to use.
	ops := []snapOp{
		opCreateAccount(acctA), opCreateAccount(acctB),
		opCreateUser(acctA, "alice"), opCreateKey(acctA, "alice", "c1"), opCreateKey(acctA, "", "c2"),
		opCreateUser(acctB, "bob"), opCreateKey(acctB, "bob", "c3"),
		opCreateRole(acctA, "r1", replayTrust), opCreateRole(acctB, "r2", replayTrust),
		opCreatePolicy(acctA, "p1", snapDoc), opCreateGroup(acctA, "devs"),
		opCreateMFA(acctA, "m1"), opEnableMFA(acctA, "alice", "m1"),
		opProfile(acctA, "prof-r1", "r1", "i-00000001"),
	}
	ops = append(ops, rapid.SliceOfN(rapid.Custom(drawSnapOp), 20, 80).Draw(t, "ops")...)
	split := rapid.IntRange(0, len(ops)).Draw(t, "split")
	a := newSnapEnv(nil)
	runOps(a, ops[:split])
	b := newSnapEnv(nil)
	snap := b.restoreFrom(t, a)
	again, err := b.d.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(snap, again) {
		t.Fatalf("Snapshot(Restore(s)) != s\n%s\n%s", snap, again)
	}
	want, got := runOps(a, ops[split:]), runOps(b, ops[split:])
	if !reflect.DeepEqual(want, got) {
		if diff := cmp.Diff(want, got, snapCmp...); diff != "" {
			t.Fatalf("results after the restore differ (-original +restored):\n%s", diff)
		}
	}
	sa, _ := a.d.Snapshot()
	sb, _ := b.d.Snapshot()
	if !bytes.Equal(sa, sb) {
		t.Fatalf("final snapshots differ\n%s\n%s", sa, sb)
	}
}

func TestSnapshotReplayProperty(t *testing.T) { rapid.Check(t, snapshotReplay) }

func FuzzSnapshotReplay(f *testing.F) { f.Fuzz(rapid.MakeFuzz(snapshotReplay)) }

// FuzzRestore: Restore never panics; what it accepts snapshots again, and
// that snapshot restores to itself.
func FuzzRestore(f *testing.F) {
	e := newSnapEnv(f)
	ops := richScript()
	for i, op := range ops {
		op.run(e)
		if i == 1 || i == 20 || i == 50 || i == len(ops)-1 {
			snap, err := e.d.Snapshot()
			if err != nil {
				f.Fatal(err)
			}
			f.Add(snap)
		}
	}
	f.Add([]byte(`{"version":1,"partition":"aws","accounts":null,"sessions":null,"instances":null}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := authn.New(authn.Config{PasswordHashIterations: 1})
		if err := d.Restore(data); err != nil {
			return
		}
		s2, err := d.Snapshot()
		if err != nil {
			t.Fatalf("Snapshot after a successful Restore: %v", err)
		}
		d2 := authn.New(authn.Config{PasswordHashIterations: 1})
		if err := d2.Restore(s2); err != nil {
			t.Fatalf("Restore of a snapshot: %v\n%s", err, s2)
		}
		s3, err := d2.Snapshot()
		if err != nil || !bytes.Equal(s2, s3) {
			t.Fatalf("Snapshot(Restore(s)) != s: %v\n%s\n%s", err, s2, s3)
		}
	})
}
