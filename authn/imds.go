package authn

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Instance metadata service (IMDSv2) parameters.
const (
	// InstanceCredentialDuration is how long instance-profile credentials
	// last.
	InstanceCredentialDuration = 6 * time.Hour
	// InstanceCredentialRefresh is the rotation window: the service hands
	// out new credentials once fewer than this remain on the current ones,
	// as EC2 makes new credentials available at least five minutes before
	// the old ones expire.
	InstanceCredentialRefresh = 5 * time.Minute
	// MaxIMDSTokenTTL is the longest session token lifetime, in seconds.
	MaxIMDSTokenTTL = 21600
	ec2Service      = "ec2.amazonaws.com"
)

type instance struct {
	id      string
	account string
	profile string // instance profile name, "" for none
	tokens  map[string]time.Time
	creds   *session
}

func validInstanceID(id string) bool {
	hex, ok := strings.CutPrefix(id, "i-")
	if !ok || (len(hex) != 8 && len(hex) != 17) {
		return false
	}
	for i := 0; i < len(hex); i++ {
		if c := hex[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// RegisterInstance registers an EC2 instance of an account (i-xxxxxxxx or
// i-xxxxxxxxxxxxxxxxx) with an instance profile of that account ("" for
// none), or changes its instance profile.
func (d *Directory) RegisterInstance(account, instanceID, instanceProfileName string) error {
	if !validInstanceID(instanceID) {
		return errInvalidInput("Invalid instance id %s.", instanceID)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	acct, err := d.accountLocked(account)
	if err != nil {
		return err
	}
	if instanceProfileName != "" {
		if _, err := acct.profile(instanceProfileName); err != nil {
			return err
		}
	}
	if inst, ok := d.instances[instanceID]; ok {
		if inst.account != account {
			return errAlreadyExists("Instance %s already exists in account %s.", instanceID, inst.account)
		}
		if inst.profile != instanceProfileName {
			inst.profile, inst.creds = instanceProfileName, nil
		}
		return nil
	}
	d.instances[instanceID] = &instance{id: instanceID, account: account, profile: instanceProfileName, tokens: make(map[string]time.Time)}
	return nil
}

// DeregisterInstance forgets an instance (terminated).
func (d *Directory) DeregisterInstance(instanceID string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.instances[instanceID]; !ok {
		return errNoSuchEntity("Instance %s cannot be found.", instanceID)
	}
	delete(d.instances, instanceID)
	return nil
}

// InstanceMetadata serves the instance metadata service of an instance,
// IMDSv2 only (HttpTokens=required):
//
//	PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds: 1..21600
//	    → a session token (400 without a valid TTL)
//	GET /latest/meta-data/instance-id
//	GET /latest/meta-data/iam/info
//	GET /latest/meta-data/iam/security-credentials/        → the role name
//	GET /latest/meta-data/iam/security-credentials/ROLE    → credentials JSON
//
// GETs need a valid, unexpired X-aws-ec2-metadata-token (401 otherwise).
// Credentials are a session of the instance profile's role named after
// the instance (aws:userid AROA...:i-...), assumed by ec2.amazonaws.com
// (the trust policy must allow it), not role chaining; they last
// [InstanceCredentialDuration] and are replaced once less than
// [InstanceCredentialRefresh] remains.
func (d *Directory) InstanceMetadata(instanceID string) http.Handler {
	return imds{d: d, id: instanceID}
}

type imds struct {
	d  *Directory
	id string
}

func (h imds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/latest/api/token" {
		h.token(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	inst, ok := h.valid(r.Header.Get("X-aws-ec2-metadata-token"))
	if !ok {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	const creds = "/latest/meta-data/iam/security-credentials"
	switch p := r.URL.Path; {
	case p == "/latest/meta-data/instance-id":
		text(w, inst.id)
	case p == "/latest/meta-data/iam/info":
		h.info(w)
	case p == creds || p == creds+"/":
		_, roleName, _, ok := h.d.instanceRole(h.id)
		if !ok {
			http.NotFound(w, r)
			return
		}
		text(w, roleName)
	case strings.HasPrefix(p, creds+"/"):
		h.credentials(w, r, strings.TrimPrefix(p, creds+"/"))
	default:
		http.NotFound(w, r)
	}
}

func text(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte(s))
}

func (h imds) token(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPut {
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	ttl, err := strconv.Atoi(r.Header.Get("X-aws-ec2-metadata-token-ttl-seconds"))
	if err != nil || ttl < 1 || ttl > MaxIMDSTokenTTL {
		http.Error(w, "Bad Request", http.StatusBadRequest)
		return
	}
	raw, err := h.d.ids.bytes(40)
	if err != nil {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	tok := base64.StdEncoding.EncodeToString(raw)
	d := h.d
	d.mu.Lock()
	inst, ok := d.instances[h.id]
	if ok {
		now := d.now()
		for t, exp := range inst.tokens {
			if !now.Before(exp) {
				delete(inst.tokens, t)
			}
		}
		inst.tokens[tok] = now.Add(time.Duration(ttl) * time.Second)
	}
	d.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("X-aws-ec2-metadata-token-ttl-seconds", strconv.Itoa(ttl))
	text(w, tok)
}

func (h imds) valid(tok string) (*instance, bool) {
	if tok == "" {
		return nil, false
	}
	h.d.mu.RLock()
	defer h.d.mu.RUnlock()
	inst, ok := h.d.instances[h.id]
	if !ok {
		return nil, false
	}
	exp, ok := inst.tokens[tok]
	if !ok || !h.d.now().Before(exp) {
		return nil, false
	}
	return inst, true
}

// instanceRole returns the instance's profile and role; d.mu must not be
// held.
func (d *Directory) instanceRole(id string) (*instanceProfile, string, roleRef, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	inst, ok := d.instances[id]
	if !ok || inst.profile == "" {
		return nil, "", roleRef{}, false
	}
	acct, ok := d.accounts[inst.account]
	if !ok {
		return nil, "", roleRef{}, false
	}
	p, ok := acct.profiles[lower(inst.profile)]
	if !ok || p.role == nil {
		return nil, "", roleRef{}, false
	}
	ref, ok := d.findRoleByARN(d.roleARN(p.role))
	return p, p.role.name, ref, ok
}

func (h imds) info(w http.ResponseWriter) {
	p, _, _, ok := h.d.instanceRole(h.id)
	if !ok {
		http.Error(w, "Not Found", http.StatusNotFound)
		return
	}
	h.d.mu.RLock()
	arn, id := h.d.profileARN(p), p.id
	h.d.mu.RUnlock()
	writeIMDSJSON(w, [][2]string{
		{"Code", "Success"},
		{"LastUpdated", h.d.now().UTC().Format(time.RFC3339)},
		{"InstanceProfileArn", arn},
		{"InstanceProfileId", id},
	})
}

func (h imds) credentials(w http.ResponseWriter, r *http.Request, roleName string) {
	_, name, ref, ok := h.d.instanceRole(h.id)
	if !ok || name != roleName {
		http.NotFound(w, r)
		return
	}
	s, err := h.d.instanceCredentials(h.id, ref)
	if err != nil {
		writeIMDSJSON(w, [][2]string{
			{"Code", "AssumeRoleUnauthorizedAccess"},
			{"Message", "EC2 cannot assume the role " + name + "."},
			{"LastUpdated", h.d.now().UTC().Format(time.RFC3339)},
		})
		return
	}
	writeIMDSJSON(w, [][2]string{
		{"Code", "Success"},
		{"LastUpdated", s.issued.UTC().Format(time.RFC3339)},
		{"Type", "AWS-HMAC"},
		{"AccessKeyId", s.akid},
		{"SecretAccessKey", s.secret},
		{"Token", s.token},
		{"Expiration", s.expires.UTC().Format(time.RFC3339)},
	})
}

// instanceCredentials returns the instance's current session, issuing a
// new one when there is none or less than InstanceCredentialRefresh
// remains. The trust check runs without the lock.
func (d *Directory) instanceCredentials(id string, ref roleRef) (*session, error) {
	current := func() *session {
		inst, ok := d.instances[id]
		if !ok {
			return nil
		}
		if s := inst.creds; s != nil && s.parent == ref.id && d.alive(s) && s.expires.Sub(d.now()) >= InstanceCredentialRefresh {
			if _, ok := d.sessions[s.akid]; ok {
				return s
			}
		}
		return nil
	}
	d.mu.RLock()
	s := current()
	d.mu.RUnlock()
	if s != nil {
		return s, nil
	}
	caller := ServicePrincipal(ec2Service)
	ctx := authz.NewContext().Set("sts:RoleSessionName", id)
	if err := d.authorize(&caller, authz.Check{Action: "sts:AssumeRole", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx}); err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if s := current(); s != nil {
		return s, nil
	}
	inst, ok := d.instances[id]
	if !ok {
		return nil, errNoSuchEntity("Instance %s cannot be found.", id)
	}
	if _, ok := d.byUnique[ref.id].(*role); !ok {
		return nil, errNoSuchEntity("The role with name %s cannot be found.", ref.name)
	}
	s, err := d.issue(issueSpec{
		kind: kindRole, principal: d.rolePrincipal(ref, id), parent: ref.id,
		duration: InstanceCredentialDuration, instance: id,
	})
	if err != nil {
		return nil, err
	}
	inst.creds = s
	return s, nil
}

// writeIMDSJSON writes an object in the instance metadata service's
// layout: two-space indentation and " : " between names and values.
func writeIMDSJSON(w http.ResponseWriter, fields [][2]string) {
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, f := range fields {
		k, _ := json.Marshal(f[0])
		v, _ := json.Marshal(f[1])
		b.WriteString("  ")
		b.Write(k)
		b.WriteString(" : ")
		b.Write(v)
		if i < len(fields)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}")
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write(b.Bytes())
}
