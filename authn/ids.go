package authn

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"io"
	"strconv"
	"strings"
	"sync"
)

// Prefixes of IAM unique ids and access key ids
// (IAM User Guide, "Understanding unique ID prefixes").
const (
	PrefixUser            = "AIDA"
	PrefixRole            = "AROA"
	PrefixGroup           = "AGPA"
	PrefixInstanceProfile = "AIPA"
	PrefixManagedPolicy   = "ANPA"
	PrefixAccessKey       = "AKIA"
	PrefixTemporaryKey    = "ASIA"
)

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// idSource draws ids, secrets and tokens from one reader, so that a seeded
// reader gives the same world. Safe for concurrent use.
type idSource struct {
	mu sync.Mutex
	r  io.Reader
}

func (s *idSource) read(b []byte) error {
	if s.r == nil {
		_, _ = rand.Read(b) // crypto/rand.Read never returns an error
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := io.ReadFull(s.r, b); err != nil {
		return errServiceFailure(err)
	}
	return nil
}

// uniqueID returns prefix + 17 characters of the base32 alphabet: 21
// characters, the form of AIDAJQABLZS4A3QDU576Q.
func (s *idSource) uniqueID(prefix string) (string, error) {
	var b [17]byte
	if err := s.read(b[:]); err != nil {
		return "", err
	}
	out := make([]byte, 0, len(prefix)+len(b))
	out = append(out, prefix...)
	for _, c := range b {
		out = append(out, base32Alphabet[c&31])
	}
	return string(out), nil
}

// accessKeyID returns prefix + 16 base32 characters that encode the
// account as AWS's new-generation keys do: the 10 decoded bytes hold, in
// their first 48 bits, one flag bit, the 40-bit account id and 7 random
// bits; the last four bytes are random. [AccountOfAccessKey] decodes it.
func (s *idSource) accessKeyID(prefix, account string) (string, error) {
	var b [10]byte
	if err := s.read(b[:]); err != nil {
		return "", err
	}
	acct, _ := strconv.ParseUint(account, 10, 64)
	z := uint64(1)<<47 | (acct&(1<<40-1))<<7 | uint64(b[5]&0x7f)
	for i := 0; i < 6; i++ {
		b[i] = byte(z >> (40 - 8*i))
	}
	return prefix + base32.StdEncoding.EncodeToString(b[:]), nil
}

// AccountOfAccessKey returns the account id encoded in an access key id
// (AKIA... or ASIA...) of this model's form, which is also the form of
// AWS's keys issued since 2019 (sts:GetAccessKeyInfo).
func AccountOfAccessKey(accessKeyID string) (string, bool) {
	if len(accessKeyID) != 20 {
		return "", false
	}
	b, err := base32.StdEncoding.DecodeString(accessKeyID[4:])
	if err != nil || len(b) != 10 {
		return "", false
	}
	var z uint64
	for i := 0; i < 6; i++ {
		z = z<<8 | uint64(b[i])
	}
	acct := (z & 0x7fffffffff80) >> 7
	if acct > 999999999999 {
		return "", false
	}
	s := strconv.FormatUint(acct, 10)
	return strings.Repeat("0", 12-len(s)) + s, true
}

// secret returns a 40-character secret access key.
func (s *idSource) secret() (string, error) {
	var b [30]byte
	if err := s.read(b[:]); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b[:]), nil
}

// sessionToken returns an opaque session token in the style of STS's
// (base64, starting "IQoJb3JpZ2luX2Vj").
func (s *idSource) sessionToken() (string, error) {
	var b [192]byte
	if err := s.read(b[:]); err != nil {
		return "", err
	}
	return "IQoJb3JpZ2luX2Vj" + base64.StdEncoding.EncodeToString(b[:]), nil
}

// bytes returns n random bytes.
func (s *idSource) bytes(n int) ([]byte, error) {
	b := make([]byte, n)
	if err := s.read(b); err != nil {
		return nil, err
	}
	return b, nil
}

// hexID returns n random bytes as lower-case hex.
func (s *idSource) hexID(n int) (string, error) {
	b, err := s.bytes(n)
	if err != nil {
		return "", err
	}
	const hexd = "0123456789abcdef"
	out := make([]byte, 2*n)
	for i, c := range b {
		out[2*i], out[2*i+1] = hexd[c>>4], hexd[c&15]
	}
	return string(out), nil
}
