package wildcard_test

import (
	"strings"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/wildcard"
)

func benchMatch(b *testing.B, pattern, s string, fold, want bool) {
	p := wildcard.Compile(pattern)
	match := p.Match
	if fold {
		match = p.MatchFold
	}
	if match(s) != want {
		b.Fatalf("Compile(%q) on %q = %v, want %v", pattern, s, !want, want)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		match(s)
	}
}

func BenchmarkMatchLiteral(b *testing.B) {
	benchMatch(b, "iam:ListAccessKeys", "iam:ListAccessKeys", false, true)
}

func BenchmarkMatchFoldLiteral(b *testing.B) {
	benchMatch(b, "iam:ListAccessKeys", "IAM:listaccesskeys", true, true)
}

func BenchmarkMatchFoldService(b *testing.B) {
	benchMatch(b, "iam:*", "iam:ListAccessKeys", true, true)
}

func BenchmarkMatchFoldInfix(b *testing.B) {
	benchMatch(b, "iam:*AccessKey*", "iam:ListAccessKeys", true, true)
}

func BenchmarkMatchS3LongKey(b *testing.B) {
	key := "arn:aws:s3:::bucket/" + strings.Repeat("segment/", 500) + "logs/a.txt"
	benchMatch(b, "arn:aws:s3:::bucket/*/logs/?.txt", key, false, true)
}

func BenchmarkMatchS3LongKeyMiss(b *testing.B) {
	key := "arn:aws:s3:::bucket/" + strings.Repeat("segment/", 500) + "logs/ab.txt"
	benchMatch(b, "arn:aws:s3:::bucket/*/logs/?.txt", key, false, false)
}

func BenchmarkMatchPathological(b *testing.B) {
	for _, tt := range pathological() {
		b.Run(strings.ReplaceAll(tt.name, " ", "_"), func(b *testing.B) {
			benchMatch(b, tt.pattern, tt.s, false, tt.want)
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		wildcard.Compile("arn:aws:s3:::bucket/*/logs/?.txt")
	}
}
