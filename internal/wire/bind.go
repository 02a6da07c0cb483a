package wire

import (
	"encoding/json"
	"fmt"
)

// Bind copies a document from [Service.Decode] into dst, a pointer to a
// struct whose json tags are the model's member names: time.Time fields
// receive timestamps, []byte fields blobs, integer fields int64 values.
func Bind(input map[string]any, dst any) error {
	raw, err := json.Marshal(input)
	if err != nil {
		return fmt.Errorf("wire: bind: %w", err)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("wire: bind: %w", err)
	}
	return nil
}
