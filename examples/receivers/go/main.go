// BucketHooks starter receiver for Go (net/http, standard library only): answers VK's URL handshake and
// accepts only deliveries whose Standard Webhooks signature is valid and fresh.
// Run: HOOK_URL=http://127.0.0.1:8080/webhook HOOK_SECRET=whsec_... go run main.go   (PORT overrides the URL's port)
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

var hookURL = envOr("HOOK_URL", "http://127.0.0.1:8080/webhook")
var hookSecret = envOr("HOOK_SECRET", "whsec_PASTE_THE_HOOK_SECRET")

const toleranceSeconds = 5 * 60 // the Standard Webhooks window for webhook-timestamp
const maxBodyBytes = 10 * 1024 * 1024

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func hmacSHA256(key []byte, message string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(message))
	return mac.Sum(nil)
}

// handshakeSignature is VK's handshake answer: HMAC chain Token -> Timestamp -> TopicArn -> the hook URL, hex at the end.
func handshakeSignature(token, timestamp, topicArn string) string {
	k1 := hmacSHA256([]byte(token), timestamp)
	k2 := hmacSHA256(k1, topicArn)
	return hex.EncodeToString(hmacSHA256(k2, hookURL))
}

// signatureProblem says why the delivery's signature headers do not prove it came from the hook now, or "" when they do.
func signatureProblem(key []byte, header http.Header, body []byte) string {
	id, timestamp, signatures := header.Get("webhook-id"), header.Get("webhook-timestamp"), header.Get("webhook-signature")
	if id == "" || timestamp == "" || signatures == "" {
		return "missing webhook-id, webhook-timestamp or webhook-signature"
	}
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return "webhook-timestamp is not a number"
	}
	now := time.Now().Unix()
	if now-seconds > toleranceSeconds {
		return "timestamp too old"
	}
	if seconds-now > toleranceSeconds {
		return "timestamp too new"
	}
	expected := base64.StdEncoding.EncodeToString(hmacSHA256(key, id+"."+timestamp+"."+string(body)))
	for _, candidate := range strings.Split(signatures, " ") {
		version, value, _ := strings.Cut(candidate, ",")
		if version == "v1" && hmac.Equal([]byte(value), []byte(expected)) {
			return ""
		}
	}
	return "no matching signature"
}

func answer(w http.ResponseWriter, status int, body any) {
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

type delivery struct {
	Records []struct {
		EventName string `json:"eventName"`
		S3        struct {
			Object struct {
				Key string `json:"key"`
			} `json:"object"`
		} `json:"s3"`
	}
}

func handle(key []byte, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		answer(w, http.StatusNotFound, map[string]string{"error": "not here"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		answer(w, http.StatusRequestEntityTooLarge, map[string]string{"error": err.Error()})
		return
	}
	if strings.EqualFold(r.Header.Get("x-amz-sns-message-type"), "SubscriptionConfirmation") {
		var message struct{ Token, Timestamp, TopicArn string }
		if err := json.Unmarshal(body, &message); err != nil {
			answer(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		fmt.Printf("handshake %s\n", message.TopicArn)
		answer(w, http.StatusOK, map[string]string{"signature": handshakeSignature(message.Token, message.Timestamp, message.TopicArn)})
		return
	}
	if problem := signatureProblem(key, r.Header, body); problem != "" {
		fmt.Printf("rejected %s: %s\n", r.Header.Get("webhook-id"), problem)
		answer(w, http.StatusUnauthorized, map[string]string{"error": problem})
		return
	}
	var parsed delivery
	if err := json.Unmarshal(body, &parsed); err != nil {
		answer(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	for _, record := range parsed.Records {
		// Keys arrive form-URL-encoded (a space is "+"), as S3 sends them.
		objectKey, err := url.QueryUnescape(record.S3.Object.Key)
		if err != nil {
			objectKey = record.S3.Object.Key
		}
		fmt.Printf("record %s %s\n", record.EventName, objectKey)
	}
	answer(w, http.StatusOK, map[string]bool{"ok": true})
}

func main() {
	parsed, err := url.Parse(hookURL)
	if err != nil {
		log.Fatalf("HOOK_URL: %v", err)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(hookSecret, "whsec_"))
	if err != nil || !strings.HasPrefix(hookSecret, "whsec_") {
		log.Fatal("Set HOOK_SECRET to the hook's secret: whsec_ followed by base64")
	}
	port := envOr("PORT", parsed.Port())
	if port == "" {
		port = "8080"
	}
	path := parsed.Path
	if path == "" {
		path = "/"
	}
	http.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) { handle(key, w, r) })
	listener, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s (port %s)\n", hookURL, port)
	log.Fatal(http.Serve(listener, nil))
}
