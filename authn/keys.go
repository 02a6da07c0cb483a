package authn

import (
	"slices"
	"sync/atomic"
	"time"
)

// StatusType is the status of an access key.
type StatusType string

// Access key statuses.
const (
	StatusActive   StatusType = "Active"
	StatusInactive StatusType = "Inactive"
)

// Values lists every StatusType.
func (StatusType) Values() []StatusType { return []StatusType{StatusActive, StatusInactive} }

// AccessKey is a long-term access key. SecretAccessKey is set only in the
// result of CreateAccessKey, as IAM returns it only then.
type AccessKey struct {
	UserName        string // "" for the root user's keys
	AccessKeyID     string // AKIA...
	SecretAccessKey string
	Status          StatusType
	CreateDate      time.Time
}

// AccessKeyLastUsed is the result of GetAccessKeyLastUsed.
type AccessKeyLastUsed struct {
	UserName     string
	LastUsedDate time.Time // zero if never used
}

type accessKey struct {
	id, secret string
	acct       *account
	user       *user // nil for the root user
	active     bool
	created    time.Time
	lastUsed   atomic.Int64 // unix nanoseconds, 0 if never
}

func (k *accessKey) view(withSecret bool) AccessKey {
	v := AccessKey{AccessKeyID: k.id, Status: StatusInactive, CreateDate: k.created}
	if k.active {
		v.Status = StatusActive
	}
	if k.user != nil {
		v.UserName = k.user.name
	}
	if withSecret {
		v.SecretAccessKey = k.secret
	}
	return v
}

// keyList returns the key list of a user, or of the root user when
// userName is "".
func (acct *account) keyList(userName string) (*[]*accessKey, *user, error) {
	if userName == "" {
		return &acct.root.keys, nil, nil
	}
	u, err := acct.user(userName)
	if err != nil {
		return nil, nil, err
	}
	return &u.keys, u, nil
}

// CreateAccessKey creates an active access key for a user, or for the
// root user when userName is "". Each has at most two.
func (a *Account) CreateAccessKey(userName string) (AccessKey, error) {
	id, err := a.d.ids.accessKeyID(PrefixAccessKey, a.id)
	if err != nil {
		return AccessKey{}, err
	}
	secret, err := a.d.ids.secret()
	if err != nil {
		return AccessKey{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return AccessKey{}, err
	}
	defer a.unlock()
	list, u, err := acct.keyList(userName)
	if err != nil {
		return AccessKey{}, err
	}
	if len(*list) >= MaxAccessKeysPerUser {
		return AccessKey{}, errLimit("AccessKeysPerUser", MaxAccessKeysPerUser)
	}
	k := &accessKey{id: id, secret: secret, acct: acct, user: u, active: true, created: a.d.now()}
	*list = append(*list, k)
	a.d.keys[id] = k
	return k.view(true), nil
}

func (acct *account) findKey(userName, keyID string) (*[]*accessKey, int, error) {
	list, _, err := acct.keyList(userName)
	if err != nil {
		return nil, 0, err
	}
	for i, k := range *list {
		if k.id == keyID {
			return list, i, nil
		}
	}
	return nil, 0, errNoSuchEntity("The Access Key with id %s cannot be found.", keyID)
}

// ListAccessKeys lists the access keys of a user ("" for root), without
// secrets.
func (a *Account) ListAccessKeys(userName string) ([]AccessKey, error) {
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	list, _, err := acct.keyList(userName)
	if err != nil {
		return nil, err
	}
	out := make([]AccessKey, 0, len(*list))
	for _, k := range *list {
		out = append(out, k.view(false))
	}
	return out, nil
}

// UpdateAccessKey activates or deactivates an access key.
func (a *Account) UpdateAccessKey(userName, keyID string, status StatusType) error {
	if status != StatusActive && status != StatusInactive {
		return errValidation(string(status), "status", "satisfy enum value set: [Active, Inactive]")
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	list, i, err := acct.findKey(userName, keyID)
	if err != nil {
		return err
	}
	(*list)[i].active = status == StatusActive
	return nil
}

// DeleteAccessKey deletes an access key; it stops resolving at once.
func (a *Account) DeleteAccessKey(userName, keyID string) error {
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	list, i, err := acct.findKey(userName, keyID)
	if err != nil {
		return err
	}
	*list = slices.Delete(*list, i, i+1)
	delete(a.d.keys, keyID)
	return nil
}

// GetAccessKeyLastUsed reports when a key of the account was last used to
// resolve a request (see [Directory.Resolve]).
func (a *Account) GetAccessKeyLastUsed(keyID string) (AccessKeyLastUsed, error) {
	a.d.mu.RLock()
	defer a.d.mu.RUnlock()
	k, ok := a.d.keys[keyID]
	if !ok || k.acct.id != a.id {
		return AccessKeyLastUsed{}, errNoSuchEntity("The Access Key with id %s cannot be found.", keyID)
	}
	out := AccessKeyLastUsed{}
	if k.user != nil {
		out.UserName = k.user.name
	}
	if ns := k.lastUsed.Load(); ns != 0 {
		out.LastUsedDate = time.Unix(0, ns).UTC()
	}
	return out, nil
}
