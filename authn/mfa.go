package authn

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"slices"
	"time"
)

// TOTP parameters of AWS virtual MFA devices (RFC 6238 defaults): a
// 30-second step from the Unix epoch, HMAC-SHA-1, six digits; a code is
// accepted one step early or late, and never twice.
const (
	TOTPStep   = 30 * time.Second
	TOTPDigits = 6
	totpWindow = 1
)

// TOTP returns the RFC 6238 time-based one-time password of a secret at
// time t with HMAC-SHA-1, a 30-second step from T0 = 0 and the given
// number of digits (6 for AWS, 8 in RFC 6238's test vectors). digits
// outside 1..9 are taken as 6.
func TOTP(secret []byte, t time.Time, digits int) string {
	return hotp(secret, uint64(t.Unix()/int64(TOTPStep/time.Second)), digits)
}

// hotp is RFC 4226's HOTP with dynamic truncation.
func hotp(secret []byte, counter uint64, digits int) string {
	if digits < 1 || digits > 9 {
		digits = TOTPDigits
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, secret)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	code := bin % mod
	out := make([]byte, digits)
	for i := digits - 1; i >= 0; i-- {
		out[i] = byte('0' + code%10)
		code /= 10
	}
	return string(out)
}

// VirtualMFADevice describes a virtual MFA device. Base32StringSeed is set
// only in the result of CreateVirtualMFADevice.
type VirtualMFADevice struct {
	SerialNumber     string // arn:aws:iam::ACCOUNT:mfa{path}{name}
	Base32StringSeed string
	// UserName is the user the device is enabled for; "" when it is
	// unassigned or belongs to the root user (see Root).
	UserName   string
	Root       bool
	EnableDate time.Time
	Tags       []Tag
}

type mfaDevice struct {
	serial  string
	seed    []byte
	user    *user
	root    bool
	enabled time.Time
	tags    []Tag
	// last is the last TOTP counter accepted; codes at or before it are
	// rejected, so a code is never used twice.
	last int64
}

func (m *mfaDevice) assigned() bool { return m.user != nil || m.root }

// verify checks a code at now within ±1 step, and consumes it.
func (m *mfaDevice) verify(code string, now time.Time) bool {
	if len(code) != TOTPDigits {
		return false
	}
	step := now.Unix() / int64(TOTPStep/time.Second)
	for off := int64(-totpWindow); off <= totpWindow; off++ {
		c := step + off
		if c <= m.last || c < 0 {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(hotp(m.seed, uint64(c), TOTPDigits)), []byte(code)) == 1 {
			m.last = c
			return true
		}
	}
	return false
}

// verifyPair checks two consecutive codes of the device, the second of
// them current (within ±1 step) and neither used before, and consumes
// them. EnableMFADevice and ResyncMFADevice take codes alike.
func (m *mfaDevice) verifyPair(code1, code2 string, now time.Time) error {
	step := now.Unix() / int64(TOTPStep/time.Second)
	for c := step - totpWindow; c <= step+totpWindow; c++ {
		if c > 0 && c-1 > m.last &&
			subtle.ConstantTimeCompare([]byte(hotp(m.seed, uint64(c), TOTPDigits)), []byte(code2)) == 1 &&
			subtle.ConstantTimeCompare([]byte(hotp(m.seed, uint64(c-1), TOTPDigits)), []byte(code1)) == 1 {
			m.last = c
			return nil
		}
	}
	return errAuthCode("Authentication code for device is not valid.")
}

func (a *Account) mfaView(m *mfaDevice, withSeed bool) VirtualMFADevice {
	v := VirtualMFADevice{SerialNumber: m.serial, Root: m.root, EnableDate: m.enabled, Tags: slices.Clone(m.tags)}
	if m.user != nil {
		v.UserName = m.user.name
	}
	if withSeed {
		v.Base32StringSeed = base32.StdEncoding.EncodeToString(m.seed)
	}
	return v
}

// CreateVirtualMFADevice creates an unassigned virtual MFA device with a
// random 20-byte seed and the given tags (at most 50, see [TagUser] for
// their rules).
func (a *Account) CreateVirtualMFADevice(path, name string, tags ...Tag) (VirtualMFADevice, error) {
	if name == "" || !isNameChars(name) {
		return VirtualMFADevice{}, errValidation(name, "virtualMFADeviceName", "satisfy regular expression pattern: "+patternName)
	}
	path, err := normPath(path, "path")
	if err != nil {
		return VirtualMFADevice{}, err
	}
	if err := checkTags(tags, "tags", MaxTagsPerEntity); err != nil {
		return VirtualMFADevice{}, err
	}
	seed, err := a.d.ids.bytes(20)
	if err != nil {
		return VirtualMFADevice{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return VirtualMFADevice{}, err
	}
	defer a.unlock()
	serial := a.d.arn("iam", acct.id, "mfa"+path+name)
	for s := range acct.mfa {
		if lower(lastSegment(s)) == lower(name) {
			return VirtualMFADevice{}, errAlreadyExists("MFADevice entity at the same path and name already exists.")
		}
	}
	m := &mfaDevice{serial: serial, seed: seed, last: -1, tags: slices.Clone(tags)}
	acct.mfa[serial] = m
	return a.mfaView(m, true), nil
}

func (acct *account) mfaDevice(serial string) (*mfaDevice, error) {
	m, ok := acct.mfa[serial]
	if !ok {
		return nil, errNoSuchEntity("MFA Device with serial number %s does not exist.", serial)
	}
	return m, nil
}

func checkAuthCode(code, field string) error {
	if len(code) != 6 {
		return errValidation(code, field, lengthConstraint(6, 6, len(code)))
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return errValidation(code, field, `satisfy regular expression pattern: [\d]+`)
		}
	}
	return nil
}

// checkAuthCodes checks AuthenticationCode1 and AuthenticationCode2.
func checkAuthCodes(code1, code2 string) error {
	if err := checkAuthCode(code1, "authenticationCode1"); err != nil {
		return err
	}
	return checkAuthCode(code2, "authenticationCode2")
}

// EnableMFADevice assigns a virtual MFA device to a user (the root user
// when userName is ""), given two consecutive codes of the device, the
// second of them current (±1 step).
func (a *Account) EnableMFADevice(userName, serial, code1, code2 string) error {
	if err := checkAuthCodes(code1, code2); err != nil {
		return err
	}
	acct, err := a.lock()
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
	m, err := acct.mfaDevice(serial)
	if err != nil {
		return err
	}
	if m.assigned() {
		return errAlreadyExists("MFA Device is already in use.")
	}
	serials := acct.root.mfa
	if u != nil {
		serials = u.mfa
	}
	if len(serials) >= MaxMFADevicesPerUser {
		return errLimit("MFADevicesPerUser", MaxMFADevicesPerUser)
	}
	if err := m.verifyPair(code1, code2, a.d.now()); err != nil {
		return err
	}
	m.enabled = a.d.now()
	if u != nil {
		m.user = u
		u.mfa = append(u.mfa, serial)
	} else {
		m.root = true
		acct.root.mfa = append(acct.root.mfa, serial)
	}
	return nil
}

// DeactivateMFADevice unassigns a device from a user ("" for root).
func (a *Account) DeactivateMFADevice(userName, serial string) error {
	return update(a, (*account).mfaDevice, serial, func(acct *account, m *mfaDevice) error {
		list := &acct.root.mfa
		if userName != "" {
			u, err := acct.user(userName)
			if err != nil {
				return err
			}
			list = &u.mfa
		}
		i := slices.Index(*list, serial)
		if i < 0 {
			return errNoSuchEntity("MFA Device with serial number %s is not enabled for this user.", serial)
		}
		*list = slices.Delete(*list, i, i+1)
		m.user, m.root, m.enabled = nil, false, time.Time{}
		return nil
	})
}

// DeleteVirtualMFADevice deletes an unassigned virtual MFA device.
func (a *Account) DeleteVirtualMFADevice(serial string) error {
	return update(a, (*account).mfaDevice, serial, func(acct *account, m *mfaDevice) error {
		if m.assigned() {
			return errDeleteConflict("MFA Device is still in use.")
		}
		delete(acct.mfa, serial)
		return nil
	})
}

// ListMFADevices lists the devices enabled for a user ("" for root).
func (a *Account) ListMFADevices(userName string) ([]VirtualMFADevice, error) {
	acct, err := a.rlock()
	if err != nil {
		return nil, err
	}
	defer a.runlock()
	serials := acct.root.mfa
	if userName != "" {
		u, err := acct.user(userName)
		if err != nil {
			return nil, err
		}
		serials = u.mfa
	}
	out := make([]VirtualMFADevice, 0, len(serials))
	for _, s := range serials {
		out = append(out, a.mfaView(acct.mfa[s], false))
	}
	return out, nil
}

// enabledFor finds a device enabled for a user ("" for the root user).
func (acct *account) enabledFor(userName, serial string) (*mfaDevice, error) {
	serials := acct.root.mfa
	if userName != "" {
		u, err := acct.user(userName)
		if err != nil {
			return nil, err
		}
		serials = u.mfa
	}
	if !slices.Contains(serials, serial) {
		return nil, errNoSuchEntity("MFA Device with serial number %s does not exist.", serial)
	}
	return acct.mfaDevice(serial)
}

// GetMFADevice returns a device enabled for a user ("" for the root
// user), without its seed.
func (a *Account) GetMFADevice(userName, serial string) (VirtualMFADevice, error) {
	acct, err := a.rlock()
	if err != nil {
		return VirtualMFADevice{}, err
	}
	defer a.runlock()
	m, err := acct.enabledFor(userName, serial)
	if err != nil {
		return VirtualMFADevice{}, err
	}
	return a.mfaView(m, false), nil
}

// ResyncMFADevice resynchronises a device enabled for a user ("" for the
// root user) with two consecutive codes, as EnableMFADevice takes them;
// codes already used are refused.
func (a *Account) ResyncMFADevice(userName, serial, code1, code2 string) error {
	if err := checkAuthCodes(code1, code2); err != nil {
		return err
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	m, err := acct.enabledFor(userName, serial)
	if err != nil {
		return err
	}
	return m.verifyPair(code1, code2, a.d.now())
}
