package authn

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"strconv"
	"strings"
	"time"
)

// PasswordPolicy is an account's password policy
// (UpdateAccountPasswordPolicy).
type PasswordPolicy struct {
	// MinimumPasswordLength is 6 to 128; 0 means 6.
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	// MaxPasswordAge is 1 to 1095 days; 0 means passwords do not expire.
	MaxPasswordAge int
	// PasswordReusePrevention is 1 to 24 previous passwords; 0 means none.
	PasswordReusePrevention int
	HardExpiry              bool
}

// The symbols IAM's password policy counts.
const passwordSymbols = "!@#$%^&*()_+-=[]{}|'"

// passwordHash is a PBKDF2-HMAC-SHA256 hash with its salt and cost.
type passwordHash struct {
	salt []byte
	sum  []byte
	iter int
}

func (d *Directory) hashPassword(pw string) (*passwordHash, error) {
	salt, err := d.ids.bytes(16)
	if err != nil {
		return nil, err
	}
	sum, err := pbkdf2.Key(sha256.New, pw, salt, d.iterations, 32)
	if err != nil {
		return nil, errServiceFailure(err)
	}
	return &passwordHash{salt: salt, sum: sum, iter: d.iterations}, nil
}

func (h *passwordHash) verify(pw string) bool {
	if h == nil {
		return false
	}
	sum, err := pbkdf2.Key(sha256.New, pw, h.salt, h.iter, len(h.sum))
	return err == nil && subtle.ConstantTimeCompare(sum, h.sum) == 1
}

func checkPasswordChars(pw, field string) error {
	if n := len([]rune(pw)); n < 1 || n > 128 {
		return errValidation("*****", field, lengthConstraint(1, 128, n))
	}
	for _, r := range pw {
		if !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xff) {
			return errValidation("*****", field, `satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+`)
		}
	}
	return nil
}

// checkPassword checks a password against the account's policy, or
// against AWS's default policy when the account has none: at least 8
// characters, three of the four character types, and not the account's
// email address.
func checkPassword(acct *account, pw string) error {
	var upper, lowerc, digit, symbol bool
	for _, r := range pw {
		switch {
		case 'A' <= r && r <= 'Z':
			upper = true
		case 'a' <= r && r <= 'z':
			lowerc = true
		case '0' <= r && r <= '9':
			digit = true
		case strings.ContainsRune(passwordSymbols, r):
			symbol = true
		}
	}
	p := acct.passwordPolicy
	if p == nil {
		if len([]rune(pw)) < 8 {
			return errPassword("Password should have a minimum length of 8")
		}
		n := 0
		for _, b := range []bool{upper, lowerc, digit, symbol} {
			if b {
				n++
			}
		}
		if n < 3 {
			return errPassword("Password should have at least three of the following character types: uppercase letters, lowercase letters, numbers and symbols")
		}
		if strings.EqualFold(pw, acct.email) {
			return errPassword("Password should not be the account's email address")
		}
		return nil
	}
	minLen := p.MinimumPasswordLength
	if minLen == 0 {
		minLen = 6
	}
	switch {
	case len([]rune(pw)) < minLen:
		return errPassword("Password should have a minimum length of %d", minLen)
	case p.RequireSymbols && !symbol:
		return errPassword("Password should have at least one symbol")
	case p.RequireNumbers && !digit:
		return errPassword("Password should have at least one number")
	case p.RequireUppercaseCharacters && !upper:
		return errPassword("Password should have at least one uppercase letter")
	case p.RequireLowercaseCharacters && !lowerc:
		return errPassword("Password should have at least one lowercase letter")
	}
	return nil
}

// UpdateAccountPasswordPolicy sets the account's password policy.
func (a *Account) UpdateAccountPasswordPolicy(p PasswordPolicy) error {
	if p.MinimumPasswordLength != 0 && (p.MinimumPasswordLength < 6 || p.MinimumPasswordLength > 128) {
		c := "have value less than or equal to 128"
		if p.MinimumPasswordLength < 6 {
			c = "have value greater than or equal to 6"
		}
		return errValidation(strconv.Itoa(p.MinimumPasswordLength), "minimumPasswordLength", c)
	}
	if p.MaxPasswordAge < 0 || p.MaxPasswordAge > 1095 {
		c := "have value less than or equal to 1095"
		if p.MaxPasswordAge < 0 {
			c = "have value greater than or equal to 1"
		}
		return errValidation(strconv.Itoa(p.MaxPasswordAge), "maxPasswordAge", c)
	}
	if p.PasswordReusePrevention < 0 || p.PasswordReusePrevention > 24 {
		c := "have value less than or equal to 24"
		if p.PasswordReusePrevention < 0 {
			c = "have value greater than or equal to 1"
		}
		return errValidation(strconv.Itoa(p.PasswordReusePrevention), "passwordReusePrevention", c)
	}
	if p.MinimumPasswordLength == 0 {
		p.MinimumPasswordLength = 6
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	acct.passwordPolicy = &p
	return nil
}

// GetAccountPasswordPolicy returns the account's password policy.
func (a *Account) GetAccountPasswordPolicy() (PasswordPolicy, error) {
	acct, err := a.rlock()
	if err != nil {
		return PasswordPolicy{}, err
	}
	defer a.runlock()
	if acct.passwordPolicy == nil {
		return PasswordPolicy{}, errNoSuchEntity("The Password Policy with domain name %s cannot be found.", acct.id)
	}
	return *acct.passwordPolicy, nil
}

// DeleteAccountPasswordPolicy removes the account's password policy; AWS's
// default policy applies again.
func (a *Account) DeleteAccountPasswordPolicy() error {
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	if acct.passwordPolicy == nil {
		return errNoSuchEntity("The account policy with name PasswordPolicy cannot be found.")
	}
	acct.passwordPolicy = nil
	return nil
}

// LoginProfile describes a user's console password (never the password).
type LoginProfile struct {
	UserName              string
	CreateDate            time.Time
	PasswordResetRequired bool
}

// setPassword checks pw against the policy and the user's previous
// passwords, hashes it without holding the lock, and stores it with store
// under the write lock.
func (a *Account) setPassword(userName, pw string, store func(acct *account, u *user, h *passwordHash) error) error {
	if err := checkPasswordChars(pw, "password"); err != nil {
		return err
	}
	acct, err := a.rlock()
	if err != nil {
		return err
	}
	if userName != "" {
		if _, err := acct.user(userName); err != nil {
			a.runlock()
			return err
		}
	}
	err = checkPassword(acct, pw)
	var previous []*passwordHash
	reuse := 0
	if acct.passwordPolicy != nil {
		reuse = acct.passwordPolicy.PasswordReusePrevention
	}
	if u, ok := acct.users[lower(userName)]; ok && userName != "" && u.login != nil && reuse > 0 {
		previous = append(previous, u.login.hash)
		previous = append(previous, u.login.previous...)
		if len(previous) > reuse {
			previous = previous[:reuse]
		}
	}
	a.runlock()
	if err != nil {
		return err
	}
	for _, h := range previous {
		if h.verify(pw) {
			return errPassword("Password should not be one of your previous %d passwords", reuse)
		}
	}
	h, err := a.d.hashPassword(pw)
	if err != nil {
		return err
	}
	acct, err = a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	var u *user
	if userName != "" {
		if u, err = acct.user(userName); err != nil {
			return err
		}
	}
	return store(acct, u, h)
}

// SetRootPassword sets the root user's console password.
func (a *Account) SetRootPassword(password string) error {
	return a.setPassword("", password, func(acct *account, _ *user, h *passwordHash) error {
		acct.root.password = h
		return nil
	})
}

// CreateLoginProfile gives a user a console password, checked against the
// account's password policy and stored only as a slow salted hash.
func (a *Account) CreateLoginProfile(userName, password string, resetRequired bool) (LoginProfile, error) {
	if userName == "" {
		return LoginProfile{}, errValidation("", "userName", lengthConstraint(1, maxUserName, 0))
	}
	var out LoginProfile
	err := a.setPassword(userName, password, func(acct *account, u *user, h *passwordHash) error {
		if u.login != nil {
			return errAlreadyExists("Login Profile for user %s already exists.", u.name)
		}
		u.login = &loginProfile{hash: h, created: a.d.now(), resetRequired: resetRequired}
		out = LoginProfile{UserName: u.name, CreateDate: u.login.created, PasswordResetRequired: resetRequired}
		return nil
	})
	return out, err
}

// UpdateLoginProfile changes a user's console password and, when
// resetRequired is not nil, whether it must be changed at next sign-in.
func (a *Account) UpdateLoginProfile(userName, password string, resetRequired *bool) error {
	store := func(acct *account, u *user, h *passwordHash) error {
		return u.storePassword(h, resetRequired)
	}
	if password == "" {
		acct, err := a.lock()
		if err != nil {
			return err
		}
		defer a.unlock()
		u, err := acct.user(userName)
		if err != nil {
			return err
		}
		return store(acct, u, nil)
	}
	return a.setPassword(userName, password, store)
}

// storePassword replaces a user's console password with h (when h is not
// nil), keeping the one it replaces among the previous passwords, and
// sets whether it must be changed at next sign-in (when resetRequired is
// not nil).
func (u *user) storePassword(h *passwordHash, resetRequired *bool) error {
	if u.login == nil {
		return errNoSuchEntity("Login Profile for User %s cannot be found.", u.name)
	}
	if h != nil {
		u.login.previous = append([]*passwordHash{u.login.hash}, u.login.previous...)
		if len(u.login.previous) > 24 {
			u.login.previous = u.login.previous[:24]
		}
		u.login.hash = h
	}
	if resetRequired != nil {
		u.login.resetRequired = *resetRequired
	}
	return nil
}

// ChangePassword is an IAM user changing its own console password: the
// old password must be the current one, and the new one must satisfy the
// account's password policy, including its reuse prevention. The password
// no longer has to be reset. userName "" (the root user, or any caller
// that is no IAM user) is InvalidUserType. Whether the user may call it
// at all (iam:ChangePassword, or the policy's AllowUsersToChangePassword)
// is for the caller's authorizer.
func (a *Account) ChangePassword(userName, oldPassword, newPassword string) error {
	if userName == "" {
		return errInvalidUserType("Only IAM users can change their own password.")
	}
	if err := checkPasswordChars(oldPassword, "oldPassword"); err != nil {
		return err
	}
	if err := checkPasswordChars(newPassword, "newPassword"); err != nil {
		return err
	}
	current, err := read(a, (*account).user, userName, func(_ *account, u *user) (*passwordHash, error) {
		if u.login == nil {
			return nil, errNoSuchEntity("Login Profile for User %s cannot be found.", u.name)
		}
		return u.login.hash, nil
	})
	if err != nil {
		return err
	}
	if !current.verify(oldPassword) {
		return errAccessDenied("The old password is incorrect.")
	}
	reset := false
	return a.setPassword(userName, newPassword, func(_ *account, u *user, h *passwordHash) error {
		if u.login == nil || u.login.hash != current {
			// Changed or removed since the old password was checked.
			return errAccessDenied("The old password is incorrect.")
		}
		return u.storePassword(h, &reset)
	})
}

// GetLoginProfile returns a user's login profile.
func (a *Account) GetLoginProfile(userName string) (LoginProfile, error) {
	return read(a, (*account).user, userName, func(_ *account, u *user) (LoginProfile, error) {
		if u.login == nil {
			return LoginProfile{}, errNoSuchEntity("Login Profile for User %s cannot be found.", u.name)
		}
		return LoginProfile{UserName: u.name, CreateDate: u.login.created, PasswordResetRequired: u.login.resetRequired}, nil
	})
}

// DeleteLoginProfile removes a user's console password.
func (a *Account) DeleteLoginProfile(userName string) error {
	return update(a, (*account).user, userName, func(_ *account, u *user) error {
		if u.login == nil {
			return errNoSuchEntity("Login Profile for User %s cannot be found.", u.name)
		}
		u.login = nil
		return nil
	})
}

// SignIn checks a console sign-in: the password of a user, or of the root
// user when userName is "", and, when the user has an MFA device, a
// current code of one of its devices. It records the password's last use.
// Every failure is the same AccessDenied, as the console does not say
// which part was wrong.
func (a *Account) SignIn(userName, password, mfaCode string) error {
	fail := errAccessDenied("Your authentication information is incorrect. Please try again.")
	acct, err := a.rlock()
	if err != nil {
		return err
	}
	var h *passwordHash
	if userName == "" {
		h = acct.root.password
	} else if u, ok := acct.users[lower(userName)]; ok && u.login != nil {
		h = u.login.hash
	}
	a.runlock()
	if !h.verify(password) {
		return fail
	}
	acct, err = a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	serials := acct.root.mfa
	var u *user
	if userName != "" {
		if u, err = acct.user(userName); err != nil || u.login == nil || u.login.hash != h {
			return fail
		}
		serials = u.mfa
	}
	if len(serials) > 0 {
		ok := false
		now := a.d.now()
		for _, s := range serials {
			if dev, found := acct.mfa[s]; found && dev.verify(mfaCode, now) {
				ok = true
				break
			}
		}
		if !ok {
			return fail
		}
	}
	if u != nil {
		u.login.lastUsed = a.d.now()
	}
	return nil
}
