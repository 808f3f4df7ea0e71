// Studio chiến dịch: thả tệp vào vùng nhập, và thanh tiến độ tự cập nhật. Trang vẫn dùng được
// khi không có tệp này: mọi nút là biểu mẫu thường.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const zone = document.querySelector("[data-vung-tha]");
  if (zone) {
    const input = zone.querySelector("input[type=file]");
    const form = zone.closest("form");
    ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("dang-tha");
    }));
    ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("dang-tha")));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        form.requestSubmit();
      }
    });
  }
  const job = document.querySelector("[data-viec]");
  if (job && job.dataset.xong !== "co") {
    const bar = job.querySelector("progress");
    const stage = job.querySelector("[data-buoc]");
    const tick = async () => {
      try {
        const answer = await fetch(`/viec/${job.dataset.viec}/tien-do`, {cache: "no-store"});
        const state = await answer.json();
        bar.value = Math.round(state.fraction * 100);
        bar.textContent = `${bar.value}%`;
        stage.textContent = state.stage;
        if (state.done) {
          window.location.reload();
          return;
        }
      } catch (error) {
        stage.textContent = "Mất kết nối với studio; đang thử lại…";
      }
      window.setTimeout(tick, 700);
    };
    window.setTimeout(tick, 500);
  }
  const goto = document.querySelectorAll("[data-toi-dong]");
  const editor = document.querySelector("[data-soan]");
  goto.forEach((link) => link.addEventListener("click", (event) => {
    if (!editor) return;
    event.preventDefault();
    const line = Number(link.dataset.toiDong);
    const lines = editor.value.split("\n");
    const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    editor.focus();
    editor.setSelectionRange(start, start + (lines[line - 1] || "").length);
  }));
});
